// Progressive enhancement only: every page reads fine without this file.
(function () {
  'use strict';

  // Light/dark toggle: the system preference until the reader chooses, then their choice.
  var toggle = document.querySelector('.theme-toggle');
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var root = document.documentElement;
      var current = root.getAttribute('data-theme') ||
        (window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
      var next = current === 'dark' ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try { localStorage.setItem('docgen-theme', next); } catch (e) { /* ignore */ }
    });
  }

  // Tabs: stacked sections become a WAI-ARIA tab list; arrow keys move between tabs.
  var saved = null;
  try { saved = localStorage.getItem('docgen-sample'); } catch (e) { /* ignore */ }
  document.querySelectorAll('[data-tabs]').forEach(function (container, n) {
    var panels = Array.prototype.slice.call(container.querySelectorAll(':scope > .tab-panel'));
    if (panels.length < 2) return;
    var list = document.createElement('div');
    list.className = 'tab-list';
    list.setAttribute('role', 'tablist');
    var tabs = panels.map(function (panel, i) {
      var tab = document.createElement('button');
      tab.type = 'button';
      tab.className = 'tab';
      tab.id = 'tab-' + n + '-' + i;
      tab.textContent = panel.getAttribute('data-label');
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', panel.id);
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', tab.id);
      panel.classList.add('is-tabbed');
      list.appendChild(tab);
      return tab;
    });
    function select(index, focus) {
      tabs.forEach(function (tab, i) {
        var on = i === index;
        tab.setAttribute('aria-selected', on ? 'true' : 'false');
        tab.tabIndex = on ? 0 : -1;
        panels[i].hidden = !on;
      });
      if (focus) tabs[index].focus();
    }
    tabs.forEach(function (tab, i) {
      tab.addEventListener('click', function () {
        select(i, false);
        try { localStorage.setItem('docgen-sample', tab.textContent); } catch (e) { /* ignore */ }
      });
      tab.addEventListener('keydown', function (event) {
        var k = event.key;
        var to = k === 'ArrowRight' ? (i + 1) % tabs.length : k === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length :
          k === 'Home' ? 0 : k === 'End' ? tabs.length - 1 : -1;
        if (to >= 0) { event.preventDefault(); select(to, true); }
      });
    });
    container.insertBefore(list, container.firstChild);
    var start = tabs.findIndex(function (tab) { return tab.textContent === saved; });
    select(start >= 0 ? start : 0, false);
  });

  // Copy buttons on every code block.
  document.querySelectorAll('pre.code').forEach(function (pre) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy the code to the clipboard');
    button.addEventListener('click', function () {
      var text = pre.querySelector('code') ? pre.querySelector('code').textContent : pre.textContent;
      var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { button.textContent = 'Press Ctrl+C'; });
      } else {
        var area = document.createElement('textarea');
        area.value = text;
        document.body.appendChild(area);
        area.select();
        try { document.execCommand('copy'); done(); } catch (e) { /* ignore */ }
        document.body.removeChild(area);
      }
    });
    var wrap = document.createElement('div');
    wrap.className = 'code-wrap';
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    wrap.appendChild(button);
  });

  // "Copy page as Markdown": the link to the page's Markdown copy becomes a button that copies it (the
  // link still opens the copy without script, or when fetching fails, as from a file:// URL).
  document.querySelectorAll('[data-copy-markdown]').forEach(function (link) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-markdown';
    button.textContent = 'Copy page as Markdown';
    button.addEventListener('click', function () {
      fetch(link.getAttribute('href')).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      }).then(function (text) {
        return navigator.clipboard.writeText(text);
      }).then(function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy page as Markdown'; }, 1500);
      }, function () { window.location.href = link.getAttribute('href'); });
    });
    link.parentNode.insertBefore(button, link.nextSibling);
  });

  // "On this page": the section being read is marked (the last heading above the top fifth of the window).
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll('.toc a[href^="#"]'));
  var targets = tocLinks.map(function (link) {
    return document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
  });
  if (tocLinks.length && targets.every(Boolean)) {
    var marked = null;
    var mark = function () {
      var line = window.innerHeight / 5;
      var current = 0;
      targets.forEach(function (target, i) { if (target.getBoundingClientRect().top <= line) { current = i; } });
      if (marked === current) { return; }
      marked = current;
      tocLinks.forEach(function (link, i) {
        if (i === current) { link.setAttribute('aria-current', 'true'); } else { link.removeAttribute('aria-current'); }
      });
    };
    window.addEventListener('scroll', mark, { passive: true });
    window.addEventListener('resize', mark);
    mark();
  }

  // The header's search box: results drop down as you type, with the keyboard (arrows, Enter, Escape).
  // The index and the search code load only when the box is first used.
  var box = document.getElementById('site-search');
  if (box) {
    var siteRoot = (document.querySelector('link[rel=stylesheet]').getAttribute('href') || '').replace(/assets\/style\.css$/, '');
    var list = document.createElement('ul');
    list.id = 'site-search-results';
    list.className = 'search-dropdown';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Search results');
    list.hidden = true;
    box.parentNode.appendChild(list);
    box.setAttribute('role', 'combobox');
    box.setAttribute('aria-controls', list.id);
    box.setAttribute('aria-expanded', 'false');
    box.setAttribute('aria-autocomplete', 'list');
    var loading = null;
    var active = -1;
    var load = function () {
      if (window.docgenSearch) { return Promise.resolve(); }
      if (loading) { return loading; }
      var script = function (src) {
        return new Promise(function (resolve, reject) {
          var tag = document.createElement('script');
          tag.src = src;
          tag.onload = resolve;
          tag.onerror = reject;
          document.head.appendChild(tag);
        });
      };
      loading = script(siteRoot + 'search-index.js').then(function () { return script(siteRoot + 'assets/search.js'); });
      return loading;
    };
    var close = function () {
      list.hidden = true;
      box.setAttribute('aria-expanded', 'false');
      box.removeAttribute('aria-activedescendant');
      active = -1;
    };
    var highlight = function (index) {
      var options = list.querySelectorAll('[role=option]');
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) { option.setAttribute('aria-selected', i === active ? 'true' : 'false'); });
      box.setAttribute('aria-activedescendant', options[active].id);
    };
    var show = function () {
      var query = box.value;
      load().then(function () {
        if (box.value !== query) { return; }
        list.textContent = '';
        active = -1;
        var found = query.trim() ? window.docgenSearch.search(query).slice(0, 8) : [];
        if (!query.trim()) { close(); return; }
        if (!found.length) {
          var none = document.createElement('li');
          none.className = 'search-none';
          none.textContent = 'No page matches “' + query + '”.';
          list.appendChild(none);
        }
        found.forEach(function (hit, i) {
          var li = document.createElement('li');
          li.id = 'site-search-option-' + i;
          li.setAttribute('role', 'option');
          li.setAttribute('aria-selected', 'false');
          var a = document.createElement('a');
          a.href = siteRoot + hit.entry.u + (hit.section ? '#' + hit.section[1] : '');
          a.textContent = hit.entry.t + (hit.section ? ' › ' + hit.section[0] : '');
          a.tabIndex = -1;
          var where = document.createElement('span');
          where.className = 'search-section';
          where.textContent = hit.entry.s;
          li.appendChild(a);
          li.appendChild(where);
          li.appendChild(window.docgenSearch.snippet(hit));
          list.appendChild(li);
        });
        list.hidden = false;
        box.setAttribute('aria-expanded', 'true');
      }, function () { close(); });
    };
    box.addEventListener('focus', function () { load(); });
    box.addEventListener('input', show);
    box.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (list.hidden) { return; }
        event.preventDefault();
        highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
      } else if (event.key === 'Enter' && active >= 0 && !list.hidden) {
        event.preventDefault();
        window.location.href = list.querySelectorAll('[role=option] a')[active].href;
      } else if (event.key === 'Escape') {
        close();
      }
    });
    document.addEventListener('click', function (event) {
      if (event.target !== box && !list.contains(event.target)) { close(); }
    });
  }

  // On a phone, "Menu" opens the navigation over the page, at the top (without script it jumps to it).
  var menu = document.querySelector('.menu-link');
  var siteNav = document.getElementById('site-nav');
  if (menu && siteNav) {
    menu.setAttribute('role', 'button');
    menu.setAttribute('aria-controls', 'site-nav');
    menu.setAttribute('aria-expanded', 'false');
    var setOpen = function (open) {
      document.body.classList.toggle('menu-open', open);
      menu.setAttribute('aria-expanded', String(open));
      if (open) {
        var bar = document.querySelector('.topbar');
        siteNav.style.top = (bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0) + 'px';
        var current = siteNav.querySelector('[aria-current=page]');
        if (current) { current.scrollIntoView({ block: 'center' }); }
      } else {
        siteNav.style.top = '';
      }
    };
    menu.addEventListener('click', function (event) {
      if (window.matchMedia('(max-width: 48rem)').matches) {
        event.preventDefault();
        setOpen(!document.body.classList.contains('menu-open'));
      }
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && document.body.classList.contains('menu-open')) { setOpen(false); menu.focus(); }
    });
  }
})();
