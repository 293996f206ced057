//! The yardstick for `make measure`: a Tauri 2 window with one heading, started with the same
//! WebKit and allocator settings Scriptorium sets for itself (src-tauri/src/lib.rs), so the
//! ratios show what Scriptorium itself adds.

fn set_env_unless_chosen(name: &str, value: &str) {
    if std::env::var_os(name).is_none() {
        std::env::set_var(name, value);
    }
}

fn main() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
    set_env_unless_chosen("MALLOC_ARENA_MAX", "1");
    set_env_unless_chosen("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    set_env_unless_chosen("JSC_useJIT", "0");
    tauri::Builder::default().run(tauri::generate_context!()).expect("the empty app could not start its window");
}
