// The error banner: any failed command that a view does not handle itself ends up here, so a
// failure is always seen by the person, never swallowed.

const banner = () => document.getElementById('error-banner');

export function showError(error) {
  const message = error?.message || String(error);
  document.getElementById('error-text').textContent = message;
  banner().hidden = false;
}

export function hideError() {
  banner().hidden = true;
}

export function installErrorBanner() {
  document.getElementById('error-dismiss').addEventListener('click', hideError);
  window.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    showError(event.reason);
  });
  window.addEventListener('error', (event) => showError(event.error || event.message));
}
