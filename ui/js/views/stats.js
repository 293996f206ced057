// Weekly statistics: this week against the previous week and the same week last year, a
// 12-week trend, breakdowns, busy times and reach. Each chart has its numbers in a table beside it.

import { api } from '../api.js';
import { el, emptyState } from '../dom.js';
import { barChart, columnChart } from '../charts.js';
import { appointmentsCard } from './stats-appointments.js';
import { referralsCard } from './stats-referrals.js';
import { eventsCard, feedbackCard } from './stats-group-work.js';

const FIGURES = [
  ['sessions', 'Sessions'],
  ['uniqueWriters', 'Unique writers'],
  ['newWriters', 'New writers'],
  ['returningWriters', 'Returning writers'],
  ['totalMinutes', 'Total minutes'],
  ['averageMinutes', 'Average minutes'],
  ['walkAways', 'Walk-aways'],
  ['averageWaitMinutes', 'Average wait (min)'],
];

const show = (value) => (value === null || value === undefined ? '—' : String(value));

function figureCard(key, label, board) {
  const value = board.thisWeek[key];
  return el('div', { className: 'figure', dataset: { figure: key } },
    el('div', { className: 'figure-label' }, label),
    el('div', { className: 'figure-value' }, show(value)),
    el('div', { className: 'figure-compare' }, `previous week ${show(board.previousWeek[key])} · last year ${show(board.lastYear[key])}`));
}

function table(headers, rows, id) {
  return el('table', { className: 'numbers', id },
    el('thead', {}, el('tr', {}, headers.map(([text, numeric]) => el('th', { className: numeric ? 'num' : '' }, text)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((cell, i) => el('td', { className: headers[i][1] ? 'num' : '' }, show(cell)))))));
}

function chartWithTable(title, chart, numbers, id) {
  return el('section', { className: 'card chart-card', id },
    el('h2', {}, title),
    el('div', { className: 'chart-and-table' }, el('div', { className: 'chart-holder' }, chart), el('div', { className: 'table-holder' }, numbers)));
}

function breakdownCard(breakdown, total) {
  const id = `breakdown-${breakdown.key}`;
  if (!breakdown.rows.length) return el('section', { className: 'card chart-card', id }, el('h2', {}, breakdown.title), emptyState('No sessions this week.'));
  const percent = (n) => (total ? `${Math.round((100 * n) / total)}%` : '—');
  return chartWithTable(
    breakdown.title,
    barChart(breakdown.rows.map((r) => ({ label: r.label, value: r.sessions })), { title: breakdown.title }),
    table([[breakdown.title, false], ['Sessions', true], ['Share', true]], breakdown.rows.map((r) => [r.label, r.sessions, percent(r.sessions)]), `${id}-table`),
    id);
}

function heatmapCard(heatmap) {
  const max = Math.max(1, ...heatmap.counts.flat());
  const cell = (n) => {
    const td = el('td', { className: 'num heat' }, n ? String(n) : '');
    td.style.backgroundColor = n ? `rgba(18, 94, 102, ${0.12 + (0.78 * n) / max})` : '';
    if (n / max > 0.55) td.classList.add('dark');
    return td;
  };
  return el('section', { className: 'card', id: 'heatmap' },
    el('h2', {}, 'Busy times this week'),
    el('table', { className: 'heatmap' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Period'), heatmap.days.map((d) => el('th', { className: 'num' }, d)))),
      el('tbody', {}, heatmap.periods.map((period, row) => el('tr', {}, el('th', {}, period), heatmap.counts[row].map(cell))))));
}

function gradesCard(board) {
  const rows = board.gradesServed;
  if (!rows.length) return el('section', { className: 'card', id: 'grades-served' }, el('h2', {}, 'Grades served this school year'), emptyState('No sessions yet this school year.'));
  return chartWithTable(
    `Grades served since ${board.schoolYearStart}`,
    barChart(rows.filter((r) => r.percent !== null).map((r) => ({ label: `Grade ${r.grade}`, value: r.percent })), { unit: '%', title: 'Share of each grade served' }),
    table([['Grade', false], ['Writers', true], ['Enrollment', true], ['Served', true]],
      rows.map((r) => [`Grade ${r.grade}`, r.writers, r.enrollment, r.percent === null ? null : `${r.percent}%`]), 'grades-served-table'),
    'grades-served');
}

/** The trend is wide: the chart on top, then one table row per measure and a column per week. */
function trendCard(trend) {
  const points = trend.map((p) => ({ label: p.weekStart.slice(5), value: p.sessions }));
  const row = (label, key) => el('tr', {}, el('th', {}, label), trend.map((p) => el('td', { className: 'num' }, String(p[key]))));
  return el('section', { className: 'card', id: 'trend' },
    el('h2', {}, 'Sessions per week, last 12 weeks'),
    columnChart(points, { title: 'Sessions per week' }),
    el('div', { className: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': 'Sessions per week, as a table' }, el('table', { className: 'numbers trend-table', id: 'trend-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Week of'), trend.map((p) => el('th', { className: 'num' }, p.weekStart.slice(5))))),
      el('tbody', {}, row('Sessions', 'sessions'), row('Writers', 'uniqueWriters'), row('Minutes', 'minutes')))));
}

function weekPicker(date, onPick) {
  const input = el('input', { id: 'stats-week', value: date, inputMode: 'numeric', 'aria-label': 'A day in the week to show', autocomplete: 'off' });
  const shift = (days) => {
    const [y, m, d] = input.value.split('-').map(Number);
    const moved = new Date(y, m - 1, d + days);
    const pad = (n) => String(n).padStart(2, '0');
    onPick(`${moved.getFullYear()}-${pad(moved.getMonth() + 1)}-${pad(moved.getDate())}`);
  };
  const form = el('form', { className: 'week-picker', id: 'week-picker', noValidate: true },
    el('button', { type: 'button', className: 'secondary', id: 'previous-week', onclick: () => shift(-7) }, '← Previous week'),
    input,
    el('button', { type: 'submit' }, 'Show week'),
    el('button', { type: 'button', className: 'secondary', id: 'next-week', onclick: () => shift(7) }, 'Next week →'),
    el('button', { type: 'button', className: 'secondary', onclick: () => onPick('') }, 'This week'));
  form.addEventListener('submit', (event) => { event.preventDefault(); onPick(input.value); });
  return form;
}

export async function render(container, date = '') {
  const board = await api.weeklyDashboard(date || null);
  const pairing = board.repeatPairing;
  const holder = el('div', { id: 'stats-board' },
    el('div', { className: 'figures', id: 'figures' },
      FIGURES.map(([key, label]) => figureCard(key, label, board)),
      el('div', { className: 'figure', dataset: { figure: 'repeatPairing' } },
        el('div', { className: 'figure-label' }, 'Same tutor as last time'),
        el('div', { className: 'figure-value' }, pairing.rate === null ? '—' : `${pairing.rate}%`),
        el('div', { className: 'figure-compare' }, `${pairing.sameTutor} of ${pairing.returningSessions} returning sessions`))),
    trendCard(board.trend),
    appointmentsCard(board.appointments),
    referralsCard(board.referrals, board.schoolYearStart),
    eventsCard(board.events, board.schoolYearStart),
    feedbackCard(board.feedback, board.schoolYearStart, board.smallCount),
    heatmapCard(board.heatmap),
    gradesCard(board),
    board.breakdowns.map((b) => breakdownCard(b, board.thisWeek.sessions)));
  container.replaceChildren(
    el('h1', {}, 'Statistics'),
    el('p', { className: 'lede', id: 'stats-week-label' }, `Week of ${board.weekStart} to ${board.weekEnd}`),
    weekPicker(board.weekStart, (picked) => render(container, picked).catch((error) => {
      container.querySelector('#stats-week-label').textContent = error.message;
      container.querySelector('#stats-week-label').className = 'lede error-text';
    })),
    holder);
}
