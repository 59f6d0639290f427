// The app shell: the .NET runtime needs seconds to start on a phone, the day's work must not wait for it.
// Before and while Blazor boots, this reads the work orders the app cached in IndexedDB (through
// werkbon.db, so the database is opened and upgraded in one place) and draws the work-order list as
// the app draws it. A tap is remembered and followed once the app is up; then the app takes over
// (werkbon.shell.done) and this list goes. The words and icons come from the app itself (Words/Texts.cs,
// Components/Icons.cs), which leaves the few the list needs in localStorage; with none there, nothing is drawn.
// A job's state (Components/JobState.cs) is decided here from the same records, in the same colours and words.
(() => {
  'use strict';

  performance.mark('werkbon-shell-start');

  // The company's time zone, as the last pull left it with the sync state (FieldData.Clock); until then the default.
  let zone = 'Europe/Brussels';
  const cultures = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE' };
  let finished = false;
  let queued = null;

  const escape = (text) => String(text ?? '').replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
  const parse = (json) => (typeof json === 'string' ? JSON.parse(json) : null);

  function words() {
    try {
      const all = JSON.parse(localStorage.getItem('werkbon.shell-texts') || 'null');
      const stored = localStorage.getItem('werkbon.language');
      const language = stored in cultures ? stored : 'nl';
      return all && all[language] ? { language, t: all[language], icons: all.icons || {} } : null;
    } catch {
      return null;
    }
  }

  // The company's calendar day (yyyy-mm-dd) of an instant, whatever zone the device is in.
  const dayKey = (at) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

  function render(session, orders, outbox, drafts, text) {
    const { language, t, icons } = text;
    const icon = (name) => icons[name] || '';
    const culture = cultures[language];
    const dayName = (at) => new Intl.DateTimeFormat(culture, { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' }).format(at);
    const time = (at) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    const now = new Date();
    const today = dayKey(now);
    const lastReport = new Map();
    for (const item of outbox) lastReport.set(item.workOrderId, item);

    // JobStates.Of, Code, Icon and TextKey of the app.
    const states = {
      todo: ['circle', t.ToDo],
      progress: ['timer', t.InProgress],
      waiting: ['hourglass', t.SignedWaiting],
      attention: ['triangle-alert', t.NeedsAttention],
      sent: ['check', t.Sent],
    };
    const stateOf = (order) => {
      const item = lastReport.get(order.id);
      if (item && item.state === 'Sent') return 'sent';
      if (item && item.state === 'NeedsAttention') return 'attention';
      if (item) return 'waiting';
      return drafts.has(order.id) ? 'progress' : 'todo';
    };
    const badge = (state) =>
      `<span class="badge state state-${state}" data-testid="job-state" data-state="${state}">${icon(states[state][0])}${escape(states[state][1])}</span>`;

    // The first card drawn carries an element-timing name: the browser records when it was painted.
    let first = true;
    const cards = (list, empty) => {
      if (list.length === 0) return empty ? `<p class="empty">${escape(empty)}</p>` : '';
      const marked = first;
      first = false;
      return list.map((o, i) => {
        const start = new Date(o.scheduledStartUtc);
        const end = new Date(o.scheduledEndUtc);
        const state = stateOf(o);
        return `<a class="card order state-${state}" href="orders/${escape(o.id)}" data-testid="shell-work-order" data-number="${escape(o.number)}">`
          + `<div class="order-head"><span class="order-time">${time(start)}–${time(end)}</span>${badge(state)}</div>`
          + `<div class="order-main"><strong${marked && i === 0 ? ' elementtiming="werkbon-shell-list"' : ''}>${escape(o.customerName)}</strong>`
          + `<span>${escape((o.site.addressLines || []).join(', '))}</span>`
          + `<span class="muted">${escape(o.number)} · ${escape(o.description)}</span></div>`
          + '</a>';
      }).join('');
    };

    const sorted = [...orders].sort((a, b) => new Date(a.scheduledStartUtc) - new Date(b.scheduledStartUtc));
    const byDay = sorted.map(o => ({ o, day: dayKey(new Date(o.scheduledStartUtc)) }));
    const earlier = byDay.filter(x => x.day < today).map(x => x.o);
    const later = [...new Set(byDay.filter(x => x.day > today).map(x => x.day))].sort();
    let html = cards(byDay.filter(x => x.day === today).map(x => x.o), t.NothingToday);
    if (earlier.length > 0) html += `<h2>${escape(t.Earlier)}</h2>` + cards(earlier, '');
    for (const day of later) {
      const list = byDay.filter(x => x.day === day).map(x => x.o);
      html += `<h2>${escape(dayName(new Date(list[0].scheduledStartUtc)))}</h2>` + cards(list, '');
    }

    const pending = outbox.filter(i => i.state === 'Pending').length;
    const shell = document.createElement('div');
    shell.id = 'shell';
    shell.setAttribute('data-testid', 'shell');
    shell.innerHTML = '<header class="bar"><a class="brand" href="">Werkbon</a>'
      + (pending > 0 ? `<span class="sync-badge pending"><span>${icon('cloud-upload')}</span><span><b>${pending}</b> ${escape(t.ToSend)}</span></span>` : '')
      + '</header>'
      + (session.needsSignIn ? `<div class="banner warn">${escape(t.SessionExpired)}</div>` : '')
      + `<main><div class="page-head"><h1>${escape(t.Today)} <small>${escape(dayName(now))}</small></h1>`
      + `<button type="button" class="big secondary" disabled>${icon('refresh-cw')}${escape(t.SyncNow)}</button></div>`
      + `<div data-testid="shell-work-orders">${html}</div></main>`;
    // Until the app is up a tap opens nothing: it is remembered, shown, and followed when the app is ready.
    shell.addEventListener('click', e => {
      const card = e.target.closest('a');
      e.preventDefault();
      if (card && card.classList.contains('order')) {
        shell.querySelectorAll('.queued').forEach(c => c.classList.remove('queued'));
        card.classList.add('queued');
        queued = card.getAttribute('href');
      }
    });
    document.body.insertBefore(shell, document.body.firstChild);
    document.body.classList.add('shell-shown');
    performance.mark('werkbon-shell-list');
  }

  async function start() {
    // Only the list is drawn early: any other address waits for the app.
    const base = new URL(document.baseURI).pathname;
    if (location.pathname !== base) return;
    const text = words();
    if (!text || !window.werkbon) return;
    const [session, orders, outbox, drafts, sync] = await werkbon.db.read(
      [{ store: 'meta', key: 'session' }, { store: 'workOrders' }, { store: 'outbox' }, { store: 'drafts' }, { store: 'meta', key: 'sync' }]);
    if (!session || finished || orders.length === 0) return;
    const pulledZone = parse(sync)?.timeZoneId;
    if (pulledZone) zone = pulledZone;
    render(
      parse(session),
      orders.map(parse),
      outbox.map(parse).sort((a, b) => new Date(a.signedAt) - new Date(b.signedAt)),
      new Set(drafts.map(d => parse(d).workOrderId)),
      text);
  }

  window.werkbon.shell = {
    // Called by the app once its own screen is drawn: the shell goes; answers the tapped address, if any.
    done: () => {
      finished = true;
      const shell = document.getElementById('shell');
      if (shell) shell.remove();
      document.body.classList.remove('shell-shown');
      performance.mark('werkbon-app-ready');
      const address = queued;
      queued = null;
      return address;
    },
    // The words the shell needs, left by the app for its next start.
    keepTexts: (json) => {
      if (localStorage.getItem('werkbon.shell-texts') !== json) localStorage.setItem('werkbon.shell-texts', json);
    },
  };

  // After the browser has painted (the frame after a requestAnimationFrame): .NET's start keeps the
  // main thread busy for seconds, so it begins only once the list is on the screen.
  const painted = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));

  // Resolves when the app may start: the list is painted, or there is nothing to draw, or a second has
  // passed (a blocked database or a hidden tab never holds the app back).
  window.werkbon.shell.drawn = Promise.race([
    start()
      .then(() => (document.getElementById('shell') ? painted() : undefined))
      .catch(() => { /* the app draws the list itself */ }),
    new Promise(resolve => setTimeout(resolve, 1000)),
  ]);
})();
