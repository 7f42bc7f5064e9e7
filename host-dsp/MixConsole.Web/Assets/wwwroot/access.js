// Viewer mode (?view) and pairing: a page without a session only watches until the key is given once.
export function pageAccess(consoleInfo) {
  const view = new URLSearchParams(location.search).has('view');
  const readOnly = view || consoleInfo.loginNeeded;
  document.body.dataset.access = readOnly ? 'view' : 'control';
  if (consoleInfo.loginNeeded && !view) {
    const form = document.createElement('form');
    form.id = 'login';
    form.innerHTML = '<label>Pairing key <input type="password" name="key" autocomplete="current-password" required></label> <button type="submit">Log in</button> <span role="alert"></span>';
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const answer = await fetch('/api/login', { method: 'POST', body: form.key.value, headers: { 'Content-Type': 'text/plain' } });
      if (answer.ok) location.reload();
      else form.querySelector('[role=alert]').textContent = 'wrong key';
    });
    document.querySelector('header').after(form);
  }
  // The socket says which page it is, for the settings page's list of clients.
  const query = new URLSearchParams({ page: location.pathname });
  if (view) query.set('view', '');
  return { readOnly, socketQuery: '?' + query };
}
