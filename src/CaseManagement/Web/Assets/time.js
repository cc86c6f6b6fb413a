// Shows every <time data-local-time> in the viewer's time zone; the UTC instant stays in its title (hover) and in
// its datetime attribute. Without JavaScript the page shows UTC, which is still right.
(function () {
  'use strict';
  var format = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
  });

  function localise() {
    document.querySelectorAll('time[data-local-time]').forEach(function (element) {
      var instant = new Date(element.getAttribute('datetime'));
      if (!isNaN(instant.getTime())) {
        element.textContent = format.format(instant);
      }
    });
  }

  document.addEventListener('DOMContentLoaded', localise);
  // htmx swaps in fresh server markup (in UTC) after a filter or a page change.
  document.addEventListener('htmx:afterSettle', localise);
})();
