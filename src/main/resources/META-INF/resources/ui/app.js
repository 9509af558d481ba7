// Fairwise rater UI: a small client of the public JSON API. Pages and fragments are rendered on the server
// (Markdown with HTML escaped); this script keeps the token, leases, judges, skips, flags, keeps the lease
// alive while the rater is active, and wires the keyboard shortcuts. No inline script anywhere: the pages'
// Content-Security-Policy forbids it.
'use strict';

(function () {
  const TOKEN = 'fairwise.token';
  const HEARTBEAT_MS = 30000;
  const ACTIVE_WINDOW_MS = 60000;
  const RENEW_BEFORE_MS = 90000;

  const state = { slug: null, id: null, deadline: 0, skew: 0, lastActive: Date.now(), ticker: null, beat: null };

  const $ = (sel) => document.querySelector(sel);
  const token = () => sessionStorage.getItem(TOKEN);

  // After signing in: /rate, or the page the link names with &next= (a path on this service only).
  function signIn(value, next) {
    sessionStorage.setItem(TOKEN, value.trim());
    location.assign(next && /^\/[a-z]/.test(next) ? next : '/rate');
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN);
    location.assign('/sign-in');
  }

  function say(text) {
    const status = $('#status');
    if (status) status.textContent = text;
  }

  function alertText(text) {
    const alert = $('#alert');
    if (!alert) return;
    alert.textContent = text || '';
    alert.hidden = !text;
  }

  function problemText(problem, fallback) {
    if (!problem || typeof problem !== 'object') return fallback;
    const parts = [problem.title, problem.detail].filter(Boolean);
    return parts.length ? parts.join(': ') : fallback;
  }

  // One call to the JSON API with the bearer token. 401 sends the rater to sign in again.
  async function api(method, path, body, headers) {
    const init = { method, headers: Object.assign({ Accept: 'application/json' }, headers || {}) };
    init.headers.Authorization = 'Bearer ' + token();
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    if (res.status === 401) {
      sessionStorage.removeItem(TOKEN);
      location.assign('/sign-in#refused');
      throw new Error('token refused');
    }
    const text = res.status === 204 ? '' : await res.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    return { status: res.status, data, headers: res.headers };
  }

  // ---- htmx: every fragment request carries the token; errors are shown, 401 goes to sign-in.
  document.addEventListener('htmx:configRequest', (e) => {
    if (!token()) {
      e.preventDefault();
      return;
    }
    e.detail.headers.Authorization = 'Bearer ' + token();
  });
  document.addEventListener('htmx:responseError', (e) => {
    if (e.detail.xhr.status === 401) {
      sessionStorage.removeItem(TOKEN);
      location.assign('/sign-in#refused');
      return;
    }
    let problem = null;
    try { problem = JSON.parse(e.detail.xhr.responseText); } catch (x) { problem = null; }
    alertText(problemText(problem, 'The service answered ' + e.detail.xhr.status + '.'));
  });
  document.addEventListener('htmx:sendError', () => alertText('The service cannot be reached. Try again in a moment.'));

  // ---- rating
  function show(section) {
    for (const id of ['#campaigns', '#work', '#break']) {
      const el = $(id);
      if (el) el.hidden = id !== section;
    }
  }

  function markActive() { state.lastActive = Date.now(); }

  function stopLease() {
    clearInterval(state.ticker);
    clearInterval(state.beat);
    state.ticker = state.beat = null;
    state.id = null;
  }

  function setDeadline(view) {
    state.deadline = Date.parse(view.lease_deadline);
  }

  function tick() {
    const timer = $('#timer');
    if (!timer || !state.id) return;
    const left = Math.max(0, state.deadline - (Date.now() - state.skew));
    const m = Math.floor(left / 60000);
    const s = Math.floor((left % 60000) / 1000);
    timer.textContent = 'Time left on this item: ' + m + ':' + String(s).padStart(2, '0');
    timer.classList.toggle('late', left < RENEW_BEFORE_MS);
  }

  // While the rater is active: a heartbeat (paid time) and, near the deadline, a renewal of the lease.
  async function beat() {
    if (!state.id || Date.now() - state.lastActive > ACTIVE_WINDOW_MS) return;
    const left = state.deadline - (Date.now() - state.skew);
    const action = left < RENEW_BEFORE_MS ? 'renew' : 'heartbeat';
    const r = await api('POST', '/api/v1/assignments/' + state.id + '/' + action);
    if (r.status === 200) {
      setDeadline(r.data);
    } else if (r.status === 409 && action === 'heartbeat') {
      stopLease();
      alertText(problemText(r.data, 'This item is no longer yours.'));
    }
  }

  async function lease(slug) {
    alertText('');
    state.slug = slug;
    const r = await api('POST', '/api/v1/campaigns/' + encodeURIComponent(slug) + '/assignments');
    if (r.status === 201 || r.status === 200) {
      const view = r.data;
      if (r.status === 201) {
        state.skew = Date.now() - Date.parse(view.leased_at);
      }
      await open(view);
    } else if (r.status === 204) {
      stopLease();
      show('#campaigns');
      say('Nothing is left for you in this campaign right now. Thank you!');
      reloadCampaigns();
    } else if (r.status === 429 && r.data && /break-required$/.test(r.data.type || '')) {
      takeBreak(Number(r.headers.get('Retry-After') || '600'));
    } else {
      alertText(problemText(r.data, 'Could not get an item (' + r.status + ').'));
    }
  }

  async function open(view) {
    stopLease();
    state.id = view.id;
    setDeadline(view);
    show('#work');
    $('#gold').hidden = true;
    await htmx.ajax('GET', '/ui/assignments/' + view.id, { target: '#item', swap: 'innerHTML' });
    tick();
    state.ticker = setInterval(tick, 1000);
    state.beat = setInterval(beat, HEARTBEAT_MS);
    const heading = $('#item-heading');
    if (heading) heading.focus();
  }

  function reloadCampaigns() {
    htmx.ajax('GET', '/ui/campaigns', { target: '#campaigns', swap: 'innerHTML' });
  }

  function takeBreak(seconds) {
    stopLease();
    show('#break');
    const until = Date.now() + seconds * 1000;
    const left = $('#break-left');
    const update = () => {
      const s = Math.max(0, Math.round((until - Date.now()) / 1000));
      left.textContent = Math.floor(s / 60) + ' min ' + String(s % 60).padStart(2, '0') + ' s';
    };
    update();
    clearInterval(state.breakTicker);
    state.breakTicker = setInterval(update, 1000);
    $('#break-heading').focus();
  }

  function judgment(form) {
    const winner = form.querySelector('input[name=winner]:checked');
    if (!winner) return { error: 'Choose a verdict first (keys 1 to 4).' };
    const body = { winner: winner.value };
    const strength = form.querySelector('input[name=strength]:checked');
    if ((winner.value === 'a' || winner.value === 'b') && strength) body.strength = strength.value;
    const criteria = {};
    for (const set of form.querySelectorAll('fieldset.criterion')) {
      const answer = set.querySelector('input:checked');
      if (answer) criteria[set.dataset.criterion] = answer.value;
    }
    if (Object.keys(criteria).length) body.criteria = criteria;
    const rationale = form.querySelector('#rationale').value.trim();
    if (rationale) body.rationale = rationale;
    return { body };
  }

  async function submit(form) {
    const { body, error } = judgment(form);
    if (error) { alertText(error); return; }
    const id = state.id;
    const r = await api('POST', '/api/v1/assignments/' + id + '/judgment', body, { 'Idempotency-Key': id });
    if (r.status !== 201 && r.status !== 200) {
      alertText(problemText(r.data, 'The judgment was not saved (' + r.status + ').'));
      return;
    }
    alertText('');
    say('Judgment saved.');
    if (r.data && r.data.gold) {
      stopLease();
      const g = r.data.gold;
      $('#item').textContent = '';
      $('#gold-text').textContent = (g.agreed ? 'You gave the known answer. ' : 'The known answer differs from yours. ')
        + 'The known verdict is ' + g.verdict + '. ' + (g.explanation || '');
      $('#gold').hidden = false;
      $('#gold-heading').focus();
      return;
    }
    await lease(state.slug);
  }

  async function skip(reason, note) {
    const body = { reason };
    if (note) body.note = note;
    const r = await api('POST', '/api/v1/assignments/' + state.id + '/skip', body);
    if (r.status !== 200) {
      alertText(problemText(r.data, 'The skip was not saved (' + r.status + ').'));
      return;
    }
    say('Skipped. Skipping never counts against you.');
    await lease(state.slug);
  }

  async function flag(kind, note) {
    const body = { kind };
    if (note) body.note = note;
    const r = await api('POST', '/api/v1/assignments/' + state.id + '/flags', body);
    if (r.status !== 201) {
      alertText(problemText(r.data, 'The flag was not sent (' + r.status + ').'));
      return;
    }
    alertText('');
    say('Flag sent. The answer will appear with your flags.');
    const panel = $('#flag-panel');
    panel.open = false;
    $('#flag-note').value = '';
  }

  async function reveal() {
    const r = await api('POST', '/api/v1/assignments/' + state.id + '/reveal');
    if (r.status !== 200) {
      alertText(problemText(r.data, 'Could not reveal the item (' + r.status + ').'));
      return;
    }
    await open(r.data);
  }

  function choose(winner) {
    const input = document.querySelector('#judgment input[name=winner][value="' + winner + '"]');
    if (!input) return;
    input.checked = true;
    input.focus();
    syncStrength();
  }

  function syncStrength() {
    const form = $('#judgment');
    if (!form) return;
    const winner = form.querySelector('input[name=winner]:checked');
    form.querySelector('#strength').disabled = !winner || (winner.value !== 'a' && winner.value !== 'b');
  }

  function openPanel(id, focus) {
    const panel = $(id);
    if (!panel) return;
    panel.open = true;
    $(focus).focus();
  }

  const KEYS = { 1: 'a', 2: 'b', 3: 'tie', 4: 'both_bad' };

  function onKey(e) {
    markActive();
    if (document.body.dataset.page !== 'rate' || !state.id || e.altKey || e.metaKey) return;
    const form = $('#judgment');
    if (e.key === 'Enter' && e.ctrlKey && form) {
      e.preventDefault();
      form.requestSubmit();
      return;
    }
    const t = e.target;
    const typing = t && (t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'
      || (t.tagName === 'INPUT' && t.type !== 'radio' && t.type !== 'checkbox'));
    if (typing || e.ctrlKey) return;
    if (KEYS[e.key] && form) {
      e.preventDefault();
      choose(KEYS[e.key]);
    } else if (e.key === 's') {
      e.preventDefault();
      openPanel('#skip-panel', '#skip-reason');
    } else if (e.key === 'f') {
      e.preventDefault();
      openPanel('#flag-panel', '#flag-kind');
    }
  }

  // ---- my work
  async function reply(form) {
    const text = form.querySelector('textarea').value.trim();
    if (!text) { alertText('Write a reply first.'); return; }
    const r = await api('POST', '/api/v1/me/reviews/' + form.dataset.review + '/replies', { text });
    if (r.status !== 201) {
      alertText(problemText(r.data, 'The reply was not sent (' + r.status + ').'));
      return;
    }
    alertText('');
    say('Reply sent.');
    await htmx.ajax('GET', '/ui/me', { target: '#me', swap: 'innerHTML' });
  }

  // ---- admin leaderboard
  async function leaderboard(slug) {
    alertText('');
    const base = '/api/v1/admin/campaigns/' + encodeURIComponent(slug) + '/leaderboard';
    const svg = await fetch(base + '.svg', { headers: { Authorization: 'Bearer ' + token() } });
    if (!svg.ok) {
      let problem = null;
      try { problem = await svg.json(); } catch (x) { problem = null; }
      alertText(problemText(problem, 'No leaderboard (' + svg.status + ').'));
      $('#chart').hidden = true;
      return;
    }
    const image = $('#chart-image');
    if (image.src) URL.revokeObjectURL(image.src);
    image.src = URL.createObjectURL(await svg.blob());
    image.alt = 'Ratings of the models in ' + slug + ' with their 95 % intervals';
    $('#chart-caption').textContent = 'Bradley–Terry ratings (mean 1000) with bootstrap 95 % intervals, campaign ' + slug + '.';
    $('#chart').hidden = false;
    const r = await api('GET', base);
    if (r.status === 200) ratingsTable(r.data);
  }

  // The board as tables built with textContent: model names come from pipelines and are never parsed as HTML.
  function table(caption, head, rows) {
    const t = document.createElement('table');
    t.createCaption().textContent = caption;
    const hr = t.createTHead().insertRow();
    for (const h of head) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      hr.appendChild(th);
    }
    const body = t.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      row.forEach((cell, i) => {
        const c = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) c.scope = 'row';
        c.textContent = cell;
        tr.appendChild(c);
      });
    }
    return t;
  }

  function ratingsTable(board) {
    const fixed = (x) => (x === null || x === undefined ? '—' : x.toFixed(1));
    const share = (x) => (x * 100).toFixed(0) + ' %';
    const target = $('#table');
    target.textContent = '';
    if (board.note) {
      const p = document.createElement('p');
      p.textContent = board.note;
      target.appendChild(p);
    }
    target.appendChild(table('Ratings (' + board.battles + ' battles)',
      ['Model', 'Rank', 'Rating', '95 % interval', 'Battles', 'Win rate'],
      board.models.map((m) => [m.model, String(m.rank), fixed(m.rating), fixed(m.low) + ' to ' + fixed(m.high),
        String(m.battles), share(m.win_rate)])));
    target.appendChild(table('Pairwise win shares (row model against column model)',
      ['Model', 'Opponent', 'Battles', 'Observed win share', 'Predicted by the ratings'],
      board.pairs.map((p) => [p.model, p.opponent, String(p.battles), share(p.win_share), share(p.expected_win_share)])));
  }

  // ---- wiring
  document.addEventListener('click', (e) => {
    const el = e.target.closest('[data-action]');
    if (!el) return;
    const action = el.dataset.action;
    if (action === 'sign-out') signOut();
    else if (action === 'start') lease(el.dataset.slug);
    else if (action === 'campaigns') { stopLease(); show('#campaigns'); reloadCampaigns(); }
    else if (action === 'next' || action === 'resume') lease(state.slug);
    else if (action === 'reveal') reveal();
    else if (action === 'skip-distressing') skip('distressing');
    else if (action === 'skip') skip($('#skip-reason').value, $('#skip-note').value.trim());
    else if (action === 'flag') flag($('#flag-kind').value, $('#flag-note').value.trim());
  });

  document.addEventListener('change', (e) => {
    if (e.target.name === 'winner') syncStrength();
  });

  document.addEventListener('submit', (e) => {
    const form = e.target;
    if (form.id === 'judgment') { e.preventDefault(); submit(form); }
    else if (form.id === 'sign-in') { e.preventDefault(); signIn($('#token').value); }
    else if (form.classList.contains('reply')) { e.preventDefault(); reply(form); }
    else if (form.id === 'leaderboard-form') { e.preventDefault(); leaderboard($('#campaign').value.trim()); }
  });

  document.addEventListener('keydown', onKey);
  for (const type of ['pointerdown', 'input', 'scroll', 'wheel']) {
    document.addEventListener(type, markActive, { passive: true });
  }

  // The sign-in link carries the token after the #, which never reaches the server; it may also arrive
  // while the sign-in page is already open (only the part after the # changes: no new page load).
  function fromLink() {
    const hash = location.hash;
    if (hash.startsWith('#token=')) {
      history.replaceState(null, '', '/sign-in');
      const link = new URLSearchParams(hash.slice(1));
      signIn(link.get('token'), link.get('next'));
    } else if (hash === '#refused') {
      alertText('That token was refused (expired, or not signed by the issuer this service trusts). Paste a new one.');
    }
  }

  window.addEventListener('hashchange', () => {
    if (document.body.dataset.page === 'sign-in') fromLink();
  });

  document.addEventListener('DOMContentLoaded', () => {
    if (document.body.dataset.page === 'sign-in') {
      fromLink();
    } else if (!token()) {
      location.assign('/sign-in');
    } else if (document.body.dataset.page === 'leaderboard') {
      const campaign = new URLSearchParams(location.search).get('campaign');
      if (campaign) {
        $('#campaign').value = campaign;
        leaderboard(campaign);
      }
    }
  });
})();
