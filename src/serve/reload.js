/* plainsight serve: reloads the page after a good rebuild and shows the errors of a failed one
   in an overlay, until the next good build. Added to pages by the preview server only. */
(function () {
  'use strict';
  var overlay = null;
  function show(errors) {
    if (!errors || !errors.length) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'plainsight-errors';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:9999;' +
        'background:#fff;color:#0b0c0c;border-top:6px solid #d4351c;padding:1rem 1.5rem;' +
        'font:14px/1.5 ui-monospace,monospace;box-shadow:0 -4px 12px rgba(0,0,0,.2)';
      document.body.appendChild(overlay);
    }
    overlay.textContent = '';
    var heading = document.createElement('strong');
    heading.textContent = 'The site could not be rebuilt. Showing the last good version. Fix these and save:';
    overlay.appendChild(heading);
    errors.forEach(function (text) {
      var pre = document.createElement('pre');
      pre.style.cssText = 'white-space:pre-wrap;margin:.75rem 0 0';
      pre.textContent = text;
      overlay.appendChild(pre);
    });
  }
  fetch('/__plainsight/status').then(function (r) { return r.json(); }).then(function (s) { show(s.errors); }).catch(function () {});
  var events = new EventSource('/__plainsight/events');
  events.onmessage = function (message) {
    if (message.data === 'reload') { window.location.reload(); return; }
    try { show(JSON.parse(message.data).errors); } catch (e) { /* ignore */ }
  };
}());
