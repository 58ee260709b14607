// Static full-text search over window.docgenSearchIndex (written by docgen as search-index.js, a script
// rather than JSON so that it loads from file:// too). Every word must match; title hits rank first.
(function () {
  'use strict';
  var index = window.docgenSearchIndex || [];
  var input = document.getElementById('search-query');
  var status = document.getElementById('search-status');
  var results = document.getElementById('search-results');
  var root = (document.querySelector('link[rel=stylesheet]').getAttribute('href') || '').replace(/assets\/style\.css$/, '');

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(function (w) { return w.length > 0; });
  }

  function snippet(text, term) {
    var at = text.toLowerCase().indexOf(term);
    if (at < 0) return text.slice(0, 160);
    var start = Math.max(0, at - 60);
    return (start > 0 ? '…' : '') + text.slice(start, at + 100) + '…';
  }

  function run(query) {
    results.textContent = '';
    var terms = words(query);
    if (terms.length === 0) { status.textContent = 'Type a word to search ' + index.length + ' pages.'; return; }
    var found = [];
    index.forEach(function (entry) {
      var title = entry.t.toLowerCase();
      var text = entry.x.toLowerCase();
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = title.indexOf(terms[i]) >= 0;
        var inText = text.indexOf(terms[i]) >= 0;
        if (!inTitle && !inText) return;
        score += (inTitle ? 10 : 0) + (inText ? 1 : 0);
      }
      found.push({ entry: entry, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score || (a.entry.t < b.entry.t ? -1 : 1); });
    status.textContent = found.length === 0 ? 'No page matches “' + query + '”.' :
      found.length + (found.length === 1 ? ' page matches' : ' pages match') + ' “' + query + '”.';
    found.slice(0, 50).forEach(function (hit) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + hit.entry.u;
      a.textContent = hit.entry.t;
      var section = document.createElement('span');
      section.className = 'search-section';
      section.textContent = hit.entry.s;
      var p = document.createElement('p');
      p.textContent = snippet(hit.entry.x, terms[0]);
      li.appendChild(a);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(section);
      li.appendChild(p);
      results.appendChild(li);
    });
  }

  var query = new URLSearchParams(window.location.search).get('q') || '';
  input.value = query;
  run(query);
  input.addEventListener('input', function () { run(input.value); });
})();
