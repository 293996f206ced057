//! Small-count suppression for tables a partner receives. Hiding the small cells is not enough:
//! a table publishes sums (a row's sessions split by grade, a column's total), and one hidden
//! cell in a sum is recovered by subtraction. So more cells are hidden until no hidden cell is
//! determined by the published sums — checked exactly by row-reducing the system of sums over
//! the hidden cells, not only the one-unknown case.

/// A published sum: `total` equals the sum of `parts` (indexes into the table's cells).
#[derive(Debug, Clone, PartialEq)]
pub struct Sum {
    pub total: usize,
    pub parts: Vec<usize>,
}

/// Which cells to hide: every cell marked `primary`, plus the fewest-valued others needed so no
/// hidden cell can be solved for from `sums`.
pub fn hide(values: &[i64], primary: &[bool], sums: &[Sum]) -> Vec<bool> {
    let mut hidden = primary.to_vec();
    loop {
        // Fast path: a sum with one hidden cell gives it away by subtraction.
        let exposed = sums.iter().find(|sum| cells(sum).filter(|&c| hidden[c]).count() == 1).map(|sum| vec![sum]);
        let candidates = match exposed {
            Some(sums) => sums,
            None => match disclosed_cell(sums, &hidden) {
                None => return hidden,
                Some(cell) => {
                    let around: Vec<&Sum> = sums.iter().filter(|sum| cells(sum).any(|c| c == cell)).collect();
                    if around.iter().any(|sum| cells(sum).any(|c| !hidden[c])) {
                        around
                    } else {
                        sums.iter().filter(|sum| cells(sum).any(|c| hidden[c])).collect()
                    }
                }
            },
        };
        // Among equal values a part goes before a total: a week's sessions stay shown when one of
        // its splits is all in one part.
        let is_total = |c: usize| sums.iter().any(|sum| sum.total == c);
        let next = candidates
            .iter()
            .flat_map(|sum| cells(sum))
            .filter(|&c| !hidden[c])
            .min_by_key(|&c| (values[c], is_total(c), c));
        match next {
            Some(cell) => hidden[cell] = true,
            None => return hidden, // everything related is already hidden
        }
    }
}

fn cells(sum: &Sum) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(sum.total).chain(sum.parts.iter().copied())
}

/// A hidden cell whose value follows from the sums, if any: the cell is determined exactly when
/// its unit vector lies in the row space of the sums restricted to hidden cells, i.e. when the
/// reduced row echelon form has a row with a single non-zero entry.
fn disclosed_cell(sums: &[Sum], hidden: &[bool]) -> Option<usize> {
    let columns: Vec<usize> = (0..hidden.len()).filter(|&c| hidden[c]).collect();
    let column_of = |cell: usize| columns.binary_search(&cell).ok();
    let mut rows: Vec<Vec<f64>> = sums
        .iter()
        .map(|sum| {
            let mut row = vec![0.0; columns.len()];
            if let Some(c) = column_of(sum.total) {
                row[c] += 1.0;
            }
            for &part in &sum.parts {
                if let Some(c) = column_of(part) {
                    row[c] -= 1.0;
                }
            }
            row
        })
        .filter(|row| row.iter().any(|&x| x != 0.0))
        .collect();
    const EPSILON: f64 = 1e-9;
    let mut pivot_row = 0;
    for column in 0..columns.len() {
        let Some(best) =
            (pivot_row..rows.len()).max_by(|&a, &b| rows[a][column].abs().total_cmp(&rows[b][column].abs()))
        else {
            break;
        };
        if rows[best][column].abs() < EPSILON {
            continue;
        }
        rows.swap(pivot_row, best);
        let pivot = rows[pivot_row][column];
        rows[pivot_row].iter_mut().for_each(|x| *x /= pivot);
        let reduced = rows[pivot_row].clone();
        for (index, row) in rows.iter_mut().enumerate() {
            let factor = row[column];
            if index != pivot_row && factor.abs() >= EPSILON {
                row.iter_mut().zip(&reduced).for_each(|(x, r)| *x -= factor * r);
            }
        }
        pivot_row += 1;
    }
    rows.iter().find_map(|row| {
        let mut nonzero = row.iter().enumerate().filter(|(_, x)| x.abs() >= EPSILON);
        match (nonzero.next(), nonzero.next()) {
            (Some((column, _)), None) => Some(columns[column]),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2×2 table with row and column totals; cells 0..4 are the body, 4..6 row totals,
    /// 6..8 column totals, 8 the grand total.
    fn two_by_two() -> Vec<Sum> {
        vec![
            Sum { total: 4, parts: vec![0, 1] },
            Sum { total: 5, parts: vec![2, 3] },
            Sum { total: 6, parts: vec![0, 2] },
            Sum { total: 7, parts: vec![1, 3] },
            Sum { total: 8, parts: vec![4, 5] },
            Sum { total: 8, parts: vec![6, 7] },
        ]
    }

    #[test]
    fn nothing_small_hides_nothing() {
        let values = [20, 30, 40, 50, 50, 90, 60, 80, 140];
        assert_eq!(hide(&values, &[false; 9], &two_by_two()), vec![false; 9]);
    }

    #[test]
    fn one_small_cell_takes_a_rectangle_with_it() {
        let values = [3, 30, 40, 50, 33, 90, 43, 80, 123];
        let mut primary = [false; 9];
        primary[0] = true;
        let hidden = hide(&values, &primary, &two_by_two());
        // The smallest partners in its row and column, and their shared cell, close the rectangle.
        assert!(hidden[0]);
        assert!(disclosed_cell(&two_by_two(), &hidden).is_none());
        assert!(hidden.iter().filter(|&&h| h).count() >= 4);
    }

    #[test]
    fn finds_a_cell_only_a_combination_of_sums_gives_away() {
        // a + b = t1, b + c = t2, a + c = t3: every sum has two unknowns, yet
        // a = (t1 - t2 + t3) / 2.
        let sums = vec![
            Sum { total: 3, parts: vec![0, 1] },
            Sum { total: 4, parts: vec![1, 2] },
            Sum { total: 5, parts: vec![0, 2] },
        ];
        let hidden = [true, true, true, false, false, false];
        assert!(disclosed_cell(&sums, &hidden).is_some());
        let safe = hide(&[1, 2, 3, 3, 5, 4], &hidden, &sums);
        assert!(disclosed_cell(&sums, &safe).is_none());
    }
}
