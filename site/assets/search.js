// Static full-text search over window.docgenSearchIndex (written by docgen as search-index.js, a script
// rather than JSON so that it loads from file:// too). Every word must match. Titles weigh most, then
// headings, then the text; operation pages rank above guides that only mention the word. A word of five
// letters or more also matches words one letter away ("credts" finds "credits"). Used by the search page
// and by the header's search box (site.js loads this file and the index only when search is used).
(function () {
  'use strict';
  var index = window.docgenSearchIndex || [];
  var kindBonus = { o: 6, a: 3, s: 1, l: 0, g: 0 };

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(function (w) { return w.length > 0; });
  }

  // At most one insertion, deletion, substitution or swap of neighbours between a and b.
  function oneApart(a, b) {
    if (a === b) { return true; }
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) { return false; }
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) { i++; }
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) { return true; }
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la < lb ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
  }

  // The page's words, computed once a page is first searched.
  function vocabulary(entry) {
    if (!entry.v) {
      var set = {};
      words(entry.t + ' ' + (entry.h || []).map(function (h) { return h[0]; }).join(' ') + ' ' + entry.x)
        .forEach(function (w) { set[w] = true; });
      entry.v = Object.keys(set);
    }
    return entry.v;
  }

  // Where `term` is in `text` (lower case): its index, or that of a word one letter away (long terms only).
  function locate(text, term, entry) {
    var at = text.indexOf(term);
    if (at >= 0 || term.length < 5) { return { at: at, word: term, exact: at >= 0 }; }
    var near = vocabulary(entry).filter(function (w) { return w.length >= 4 && oneApart(term, w); });
    for (var i = 0; i < near.length; i++) {
      var found = text.indexOf(near[i]);
      if (found >= 0) { return { at: found, word: near[i], exact: false }; }
    }
    return { at: -1, word: term, exact: false };
  }

  function search(query) {
    var terms = words(query);
    if (terms.length === 0) { return []; }
    var found = [];
    index.forEach(function (entry) {
      var title = entry.t.toLowerCase();
      var headings = (entry.h || []).map(function (h) { return h[0].toLowerCase(); });
      var text = entry.x.toLowerCase();
      var score = 0;
      var hits = [];
      var section = null;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = locate(title, terms[i], entry);
        var inText = locate(text, terms[i], entry);
        var heading = -1;
        for (var h = 0; h < headings.length; h++) {
          if (locate(headings[h], terms[i], entry).at >= 0) { heading = h; break; }
        }
        if (inTitle.at < 0 && inText.at < 0 && heading < 0) { return; }
        var weight = (inTitle.exact || inText.exact) ? 1 : 0.5;
        score += weight * ((inTitle.at >= 0 ? 20 : 0) + (heading >= 0 ? 8 : 0) + (inText.at >= 0 ? 2 : 0));
        if (inText.at >= 0) { hits.push(inText); }
        if (heading >= 0 && section === null) { section = entry.h[heading]; }
      }
      score += kindBonus[entry.k] || 0;
      found.push({ entry: entry, score: score, hits: hits, section: section });
    });
    found.sort(function (a, b) { return b.score - a.score || (a.entry.t < b.entry.t ? -1 : 1); });
    return found;
  }

  // One passage around the first hit, cut at sentence ends, the hits marked (as DOM nodes, never HTML).
  function snippet(hit) {
    var text = hit.entry.x;
    var node = document.createElement('p');
    node.className = 'search-snippet';
    var first = hit.hits.length ? hit.hits[0].at : 0;
    var start = Math.max(0, first - 80);
    var sentence = text.lastIndexOf('. ', first);
    if (sentence >= start) { start = sentence + 2; }
    var end = Math.min(text.length, first + 140);
    var stop = text.indexOf('. ', first);
    if (stop >= 0 && stop + 1 < end) { end = stop + 1; }
    var passage = text.slice(start, end);
    var lower = passage.toLowerCase();
    var marks = [];
    hit.hits.forEach(function (h) {
      var at = lower.indexOf(h.word);
      while (at >= 0) { marks.push([at, at + h.word.length]); at = lower.indexOf(h.word, at + h.word.length); }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var cursor = 0;
    if (start > 0) { node.appendChild(document.createTextNode('…')); }
    marks.forEach(function (m) {
      if (m[0] < cursor) { return; }
      node.appendChild(document.createTextNode(passage.slice(cursor, m[0])));
      var mark = document.createElement('mark');
      mark.textContent = passage.slice(m[0], m[1]);
      node.appendChild(mark);
      cursor = m[1];
    });
    node.appendChild(document.createTextNode(passage.slice(cursor) + (end < text.length ? '…' : '')));
    return node;
  }

  window.docgenSearch = { search: search, snippet: snippet, size: index.length };

  // The search page.
  var input = document.getElementById('search-query');
  var status = document.getElementById('search-status');
  var results = document.getElementById('search-results');
  if (!input || !status || !results) { return; }
  var root = (document.querySelector('link[rel=stylesheet]').getAttribute('href') || '').replace(/assets\/style\.css$/, '');

  function run(query) {
    results.textContent = '';
    if (words(query).length === 0) { status.textContent = 'Type a word to search ' + index.length + ' pages.'; return; }
    var found = search(query);
    status.textContent = found.length === 0 ? 'No page matches “' + query + '”.' :
      found.length + (found.length === 1 ? ' page matches' : ' pages match') + ' “' + query + '”.';
    found.slice(0, 50).forEach(function (hit) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + hit.entry.u + (hit.section ? '#' + hit.section[1] : '');
      a.textContent = hit.entry.t + (hit.section ? ' › ' + hit.section[0] : '');
      var section = document.createElement('span');
      section.className = 'search-section';
      section.textContent = hit.entry.s;
      li.appendChild(a);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(section);
      li.appendChild(snippet(hit));
      results.appendChild(li);
    });
  }

  var query = new URLSearchParams(window.location.search).get('q') || '';
  input.value = query;
  run(query);
  input.addEventListener('input', function () { run(input.value); });
})();
