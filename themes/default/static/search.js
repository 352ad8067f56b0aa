/* Starts the Pagefind search UI on the search page, and runs the query from the header's
   search box (?q=...). External script only, so a strict Content-Security-Policy works. */
(function () {
  'use strict';
  function start() {
    var element = document.getElementById('search');
    if (!element || typeof window.PagefindUI === 'undefined') { return; }
    var notice = document.querySelector('.search-needs-script');
    if (notice) { notice.hidden = true; }
    var ui = new window.PagefindUI({
      element: '#search',
      bundlePath: element.getAttribute('data-bundle'),
      showSubResults: true,
      showImages: false,
      resetStyles: false
    });
    // Pagefind's box has no visible label; give it one (WCAG 2.5.3, 3.3.2).
    var input = element.querySelector('input');
    if (input) {
      input.id = 'search-page-input';
      var label = document.createElement('label');
      label.setAttribute('for', input.id);
      label.className = 'search-label';
      label.textContent = 'Search strategies, actions, measures, updates and pages';
      element.insertBefore(label, element.firstChild);
    }
    var query = new URLSearchParams(window.location.search).get('q');
    if (query) { ui.triggerSearch(query); }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
