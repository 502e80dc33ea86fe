// Köprü review UI: keyboard shortcuts, help dialog, live queue updates, live header counts, bulk job progress,
// table regions in the tab order only when they scroll.
// Progressive enhancement only: every action also works without this script.
(() => {
  const $ = (s, el = document) => el.querySelector(s);
  const $$ = (s, el = document) => [...el.querySelectorAll(s)];
  const live = (msg) => {
    const el = $('#live');
    if (el) el.textContent = msg;
  };
  const typing = (e) => /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable;
  const tr = document.documentElement.lang !== 'en';

  // A field in a closed fold (see Fold in layout.tsx) is hidden on a narrow screen: open the fold first.
  const unfold = (el) => {
    for (let p = el?.parentElement; p; p = p.parentElement) {
      const fold = p.querySelector(':scope > details.fold');
      if (fold) {
        fold.open = true;
        return;
      }
    }
  };

  let current = -1;
  const hits = () => $$('#results .hit');
  const focusHit = (i) => {
    const list = hits();
    if (!list.length) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    for (const [j, h] of list.entries()) h.classList.toggle('current', j === current);
    $('.hit-link', list[current])?.focus();
  };

  const help = $('#help');
  for (const b of $$('[data-help]')) b.addEventListener('click', () => help?.showModal());

  // The user's shortcuts (action → key) from the page, or "off" (WCAG 2.1.4: each user can
  // turn single-key shortcuts off or remap them on /account/shortcuts).
  const shortcutSetting = document.body.dataset.shortcuts;
  let actionOf = null;
  if (shortcutSetting && shortcutSetting !== 'off') {
    try {
      actionOf = new Map(Object.entries(JSON.parse(shortcutSetting)).map(([a, key]) => [key, a]));
    } catch {
      actionOf = null;
    }
  }

  const focusShortcut = (defaultKey, e) => {
    const el = $(`[data-shortcut="${defaultKey}"]`);
    if (el) {
      el.focus();
      e.preventDefault();
    }
  };

  if (actionOf)
    document.addEventListener('keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape' && typing(e)) return e.target.blur();
      if (typing(e)) return;
      const action = actionOf.get(e.key);
      if (action === 'help') {
        help?.showModal();
        e.preventDefault();
      } else if (action === 'search') {
        unfold($('[data-shortcut="/"]'));
        focusShortcut('/', e);
      } else if (action === 'next') {
        focusHit(current + 1);
        e.preventDefault();
      } else if (action === 'prev') {
        focusHit(current - 1);
        e.preventDefault();
      } else if (action === 'open' && current >= 0) {
        $('.hit-link', hits()[current])?.click();
      } else if (action === 'select' && current >= 0) {
        const cb = $('input[type=checkbox]', hits()[current]);
        if (cb) cb.checked = !cb.checked;
      } else if (action === 'assign') {
        focusShortcut('a', e);
      } else if (action === 'confirmClaim' || action === 'rejectClaim') {
        // Item page: confirm or reject the first suggested claim.
        const el = $(`[data-shortcut="${action === 'confirmClaim' ? 'c' : 'r'}"]`);
        if (el) {
          el.click();
          e.preventDefault();
        }
      } else if (action === 'verdict') {
        focusShortcut('v', e);
      }
    });

  // Live queue: refresh the result list every 15 s unless the user is working inside it.
  const section = $('[data-live-src]');
  if (section) {
    setInterval(async () => {
      const results = $('#results');
      if (!results || results.contains(document.activeElement) || $$('#results input:checked').length) return;
      try {
        const res = await fetch(section.dataset.liveSrc, {
          headers: { accept: 'text/html' },
          credentials: 'same-origin',
        });
        if (!res.ok) return;
        const html = await res.text();
        const tmp = document.createElement('div');
        tmp.innerHTML = html;
        const next = $('#results', tmp);
        if (!next) return;
        const before = Number(results.dataset.total);
        results.replaceWith(next);
        const after = Number(next.dataset.total);
        if (after !== before)
          live(tr ? `Kuyruk güncellendi: ${after} kayıt` : `Queue updated: ${after} items`);
      } catch {}
    }, 15000);
  }

  // Live header counts (notifications): poll each link's endpoint every 30 s while the tab is
  // visible; screen readers hear about it only when the count grows.
  for (const link of $$('[data-live-count]')) {
    let last = Number(/\d+/.exec($('.count', link)?.textContent ?? '')?.[0] ?? 0);
    let timer = 0;
    let stopped = false;
    const refresh = async () => {
      if (stopped || document.hidden) return;
      try {
        const res = await fetch(link.dataset.liveCount, {
          headers: { accept: 'application/json' },
          credentials: 'same-origin',
        });
        // Signed out meanwhile (the login page answers): stop asking.
        if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) {
          stopped = true;
          clearInterval(timer);
          return;
        }
        const { count } = await res.json();
        if (typeof count !== 'number' || count === last) return;
        let badge = $('.count', link);
        if (count > 0) {
          if (!badge) {
            badge = document.createElement('span');
            badge.className = 'count';
            link.append(badge);
          }
          badge.textContent = ` (${count})`;
        } else badge?.remove();
        if (count > last) live((link.dataset.liveAnnounce ?? '').replace('{n}', String(count)));
        last = count;
      } catch {}
    };
    timer = setInterval(refresh, 30000);
    document.addEventListener('visibilitychange', refresh);
  }

  // A table region is a tab stop only while its table is wider than it (see table-region.tsx).
  const regions = $$('.table-scroll[tabindex]');
  if (regions.length && 'ResizeObserver' in window) {
    const fit = new ResizeObserver(() => {
      for (const r of regions) r.tabIndex = r.scrollWidth > r.clientWidth ? 0 : -1;
    });
    for (const r of regions) fit.observe(r);
  }

  // Bulk job progress: poll until finished.
  const job = $('[data-job]');
  if (job && !/finished|failed/.test(job.dataset.state)) {
    const timer = setInterval(async () => {
      const res = await fetch(`/jobs/${job.dataset.job}?format=json`, { credentials: 'same-origin' });
      if (!res.ok) return;
      const j = await res.json();
      const bar = $('#job-progress');
      const pct = j.total ? Math.round(((j.done + j.failed) / j.total) * 100) : 100;
      if (bar) {
        bar.value = pct;
        bar.textContent = `${pct}%`;
      }
      const label = $('label[for=job-progress]');
      if (label)
        label.textContent = tr
          ? `${j.done} tamam, ${j.failed} hatalı, toplam ${j.total}`
          : `${j.done} done, ${j.failed} failed, of ${j.total}`;
      if (j.state === 'finished' || j.state === 'failed') {
        clearInterval(timer);
        job.dataset.state = j.state;
        $('#job-state').textContent =
          j.state === 'finished' ? (tr ? 'Tamamlandı' : 'Finished') : tr ? 'Başarısız' : 'Failed';
        live($('#job-state').textContent);
      }
    }, 1000);
  }
})();
