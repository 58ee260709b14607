// Runs before the page paints: apply the reader's saved choice of light or dark, if any.
(function () {
  try {
    var saved = localStorage.getItem('docgen-theme');
    if (saved === 'light' || saved === 'dark') document.documentElement.setAttribute('data-theme', saved);
  } catch (e) { /* storage may be disabled */ }
})();
