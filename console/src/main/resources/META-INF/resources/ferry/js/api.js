// The console's JSON API, relative to the page (/ferry/ unless the application moved it).
const base = new URL('api/', document.baseURI.replace(/#.*$/, '').replace(/[^/]*$/, ''));

async function answer(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = { error: text }; }
  if (!response.ok) {
    const error = new Error((body && body.error) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}

export async function get(path, params = {}) {
  const url = new URL(path, base);
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v); });
  return answer(await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }));
}

// Actions: POST with a JSON body and the console's header (cross-site forms cannot send it).
export async function post(path, body) {
  return answer(await fetch(new URL(path, base), {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Ferry-Console': '1' },
    body: JSON.stringify(body)
  }));
}
