// Applies the remembered theme before the page paints (no flash of the other theme).
(function () {
  try {
    var t = localStorage.getItem('explain-theme');
    if (t === 'dark' || t === 'light') document.documentElement.dataset.theme = t;
  } catch (e) { /* storage may be disabled */ }
})();
