// The console's wiring: sign-in with a key, the views (#sources, #tasks, #task/<id>, #stats) and
// polite polling (only the view on screen, only while the tab is visible).

import { ApiError, call, keyStore } from './api.js';
import { $, el, fill, say } from './dom.js';
import { loadSources, renderSources } from './sources.js';
import { loadFirstPage, loadMore, readFilters, resetTasks, setUpFilters } from './tasks.js';
import { act, loadTask, renderTask } from './task.js';
import { loadStats, renderStats } from './stats.js';

/** Seconds between polls of the view on screen. */
const POLL = { sources: 15, stats: 30 };
const VIEWS = ['login', 'sources', 'tasks', 'task', 'stats'];

let me = null;
let view = null;
let lastLoad = 0;
let tasksLoaded = false;
/** The view whose data is being loaded, if any. */
let loading = null;

const can = (role) => Boolean(me && me.roles.includes(role));

function show(name) {
  view = name;
  VIEWS.forEach((v) => { $(`view-${v}`).hidden = v !== name; });
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.view === name || (name === 'task' && a.dataset.view === 'tasks')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

function showLogin(message) {
  me = null;
  $('nav').hidden = true;
  $('sign-out').hidden = true;
  fill($('whoami'));
  say($('notice'), '');
  say($('login-error'), message);
  show('login');
  $('key-input').value = '';
  $('key-input').focus();
}

/** Asks the gateway who this key is; a refused key is never stored. */
async function signIn(key) {
  try {
    me = await call('me', { key });
  } catch (e) {
    keyStore.clear();
    if (e.status === 401) {
      showLogin('The gateway refused this API key (401 Unauthorized: the key is not valid). '
        + 'Check it and paste it again.');
    } else if (e.status === 429) {
      showLogin(`Too many attempts: ${e.message}`);
    } else {
      showLogin(`Could not sign in: ${e.message}`);
    }
    return;
  }
  keyStore.set(key);
  fill($('whoami'), `key “${me.name}” · ${me.roles.join(', ') || 'no roles'}`);
  $('sign-out').hidden = false;
  say($('login-error'), '');
  if (!can('read')) {
    show('none');
    say($('notice'), `Key “${me.name}” has no read role, so there is nothing the console may show it. `
      + 'Use a key with the read role.');
    return;
  }
  $('nav').hidden = false;
  try {
    setUpFilters((await call('sources')).sources);
  } catch (e) {
    failed(e);
  }
  route();
}

/** Shows an error where the user is looking; a key that stopped working sends them to sign in. */
function failed(e) {
  if (!(e instanceof ApiError)) throw e;
  if (e.status === 401) {
    keyStore.clear();
    showLogin('The gateway no longer accepts this API key. Paste a valid one.');
  } else if (e.status === 403) {
    say($('notice'), `This key lacks the role for that: ${e.message}`);
  } else {
    say($('notice'), e.message);
  }
}

/** Loads the view on screen again; one load per view at a time, its refresh button disabled meanwhile. */
async function refresh() {
  const current = view;
  if (loading === current) return;
  loading = current;
  if (current === 'sources') $('sources-refresh').disabled = true;
  say($('notice'), '');
  lastLoad = Date.now();
  try {
    if (current === 'sources') renderSources(await loadSources());
    else if (current === 'stats') renderStats(await loadStats());
  } catch (e) {
    failed(e);
  } finally {
    if (loading === current) loading = null;
    if (current === 'sources') $('sources-refresh').disabled = false;
  }
}

async function route() {
  if (!me) return;
  const hash = decodeURIComponent(location.hash.slice(1));
  say($('notice'), '');
  if (hash.startsWith('task/')) {
    show('task');
    await openTask(hash.slice(5));
  } else if (hash === 'tasks') {
    show('tasks');
    if (!tasksLoaded) await applyFilters();
  } else if (hash === 'stats') {
    show('stats');
    await refresh();
  } else {
    show('sources');
    await refresh();
  }
  const heading = $(`view-${view}`).querySelector('h2');
  if (heading && document.activeElement !== $('key-input')) heading.focus();
}

async function openTask(id) {
  say($('action-outcome'), '');
  try {
    renderTask(await loadTask(id), { canOperate: can('operate'), onAction });
  } catch (e) {
    fill($('task-title'), id);
    failed(e);
  }
}

async function onAction(task, action) {
  try {
    if ((await act(task, action)) === null) return;
  } catch (e) {
    failed(e);
    return;
  }
  if (action === 'delete') {
    fill($('task-actions'), el('span', { class: 'muted' }, 'Deleted.'));
    return;
  }
  try {
    renderTask(await loadTask(task.id), { canOperate: can('operate'), onAction });
  } catch (e) {
    failed(e);
  }
}

async function applyFilters() {
  tasksLoaded = true;
  try {
    await loadFirstPage(readFilters());
  } catch (e) {
    resetTasks();
    failed(e);
  }
}

function poll() {
  const every = POLL[view];
  if (!every || !me || document.visibilityState !== 'visible') return;
  if (Date.now() - lastLoad >= every * 1000) refresh();
}

function wire() {
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('key-input').value.trim();
    $('key-input').value = '';
    if (key) signIn(key);
  });
  $('sign-out').addEventListener('click', () => {
    keyStore.clear();
    tasksLoaded = false;
    resetTasks();
    showLogin('');
  });
  $('sources-refresh').addEventListener('click', () => refresh());
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    applyFilters();
  });
  // The reset event comes before the form's values are reset.
  $('filters').addEventListener('reset', () => setTimeout(applyFilters));
  $('load-more').addEventListener('click', async () => {
    try {
      await loadMore();
    } catch (e) {
      failed(e);
    }
  });
  // The skip link moves focus only: its #main must not be taken for a view by the router.
  document.querySelector('.skip').addEventListener('click', (event) => {
    event.preventDefault();
    $('main').focus();
  });
  window.addEventListener('hashchange', route);
  document.addEventListener('visibilitychange', poll);
  setInterval(poll, 1000);
}

wire();
const saved = keyStore.get();
if (saved) signIn(saved);
else showLogin('');
