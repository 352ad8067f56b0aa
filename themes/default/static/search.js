/* Site search on the search page: reads the index plainsight writes under search/ (see
   src/render/search.rs), fetching only the term shards and document chunks a query needs.
   Every query word must match the start of a word in the page; title words weigh more.
   External script, no inline style or eval, so a strict Content-Security-Policy works. */
(function () {
  'use strict';
  var PAGE = 20;
  var cache = {};

  function fetchJson(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) { throw new Error(url + ': ' + r.status); }
        return r.json();
      });
    }
    return cache[url];
  }

  /* The same words the index was built from: lower case, split at anything not a letter,
     digit or hyphen; DS-04 gives ds-04 (and the index also holds ds and 04). */
  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}-]+/u)
      .map(function (w) { return w.replace(/^-+|-+$/g, ''); })
      .filter(function (w) { return w.length > 0; });
  }

  function shardKey(term) {
    return Array.from(term).slice(0, 2).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : '_';
    }).join('');
  }

  /* doc -> score for one query word: exact matches count double prefix matches. */
  function scoresFor(word, root, meta) {
    var key = shardKey(word);
    var keys = meta.shards.filter(function (k) { return key.length === 2 ? k === key : k.charAt(0) === key; });
    return Promise.all(keys.map(function (k) { return fetchJson(root + 'terms/' + k + '.json'); }))
      .then(function (shards) {
        var scores = new Map();
        shards.forEach(function (shard) {
          Object.keys(shard).forEach(function (term) {
            if (term.lastIndexOf(word, 0) !== 0) { return; }
            var postings = shard[term];
            var factor = term === word ? 2 : 1;
            for (var i = 0; i < postings.length; i += 2) {
              scores.set(postings[i], (scores.get(postings[i]) || 0) + postings[i + 1] * factor);
            }
          });
        });
        return scores;
      });
  }

  function search(query, root, meta) {
    var terms = words(query);
    if (terms.length === 0) { return Promise.resolve([]); }
    return Promise.all(terms.map(function (w) { return scoresFor(w, root, meta); }))
      .then(function (perWord) {
        var total = perWord[0];
        perWord.slice(1).forEach(function (scores) {
          var both = new Map();
          total.forEach(function (score, doc) {
            if (scores.has(doc)) { both.set(doc, score + scores.get(doc)); }
          });
          total = both;
        });
        return Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
          .map(function (e) { return e[0]; });
      });
  }

  function docs(numbers, root, meta) {
    var chunks = {};
    numbers.forEach(function (n) { chunks[Math.floor(n / meta.docsPerChunk)] = true; });
    var wanted = Object.keys(chunks);
    return Promise.all(wanted.map(function (c) { return fetchJson(root + 'docs/' + c + '.json'); }))
      .then(function (loaded) {
        var byChunk = {};
        wanted.forEach(function (c, i) { byChunk[c] = loaded[i]; });
        return numbers.map(function (n) {
          return byChunk[Math.floor(n / meta.docsPerChunk)][n % meta.docsPerChunk];
        });
      });
  }

  function resultItem(doc, base) {
    var item = document.createElement('li');
    item.className = 'search-result';
    var link = document.createElement('a');
    link.className = 'search-result-link';
    // Addresses come from the index plainsight wrote; anything else is not linked.
    link.setAttribute('href', typeof doc[0] === 'string' && doc[0].lastIndexOf(base, 0) === 0 ? doc[0] : base);
    link.textContent = doc[1];
    var heading = document.createElement('h2');
    heading.appendChild(link);
    item.appendChild(heading);
    var kind = document.createElement('p');
    kind.className = 'search-result-kind';
    kind.textContent = doc[3] ? doc[2] + ' · ' + doc[3] : doc[2];
    item.appendChild(kind);
    if (doc[4]) {
      var summary = document.createElement('p');
      summary.textContent = doc[4];
      item.appendChild(summary);
    }
    return item;
  }

  function start() {
    var form = document.getElementById('search');
    if (!form) { return; }
    var notice = document.querySelector('.search-needs-script');
    if (notice) { notice.hidden = true; }
    form.hidden = false;
    var root = form.getAttribute('data-index');
    var base = form.getAttribute('data-base');
    var input = document.getElementById('search-page-input');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    var found = [];
    var shown = 0;
    var meta = fetchJson(root + 'meta.json');

    function showNext() {
      var next = found.slice(shown, shown + PAGE);
      return meta.then(function (m) { return docs(next, root, m); }).then(function (rows) {
        rows.forEach(function (doc) { list.appendChild(resultItem(doc, base)); });
        shown += next.length;
        more.hidden = shown >= found.length;
      });
    }

    function run(query) {
      list.textContent = '';
      more.hidden = true;
      found = [];
      shown = 0;
      if (!query.trim()) { status.textContent = ''; return; }
      status.textContent = 'Searching…';
      meta.then(function (m) { return search(query, root, m); }).then(function (numbers) {
        found = numbers;
        var n = numbers.length;
        status.textContent = (n === 0 ? 'No results' : n === 1 ? '1 result' : n + ' results') + ' for “' + query.trim() + '”';
        return showNext();
      }).catch(function () {
        status.textContent = 'Search is not available just now. Try the strategies, performance and updates pages.';
      });
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var query = input.value;
      window.history.pushState(null, '', '?q=' + encodeURIComponent(query));
      run(query);
    });
    more.addEventListener('click', function () { showNext(); });
    window.addEventListener('popstate', function () {
      input.value = new URLSearchParams(window.location.search).get('q') || '';
      run(input.value);
    });
    var initial = new URLSearchParams(window.location.search).get('q') || '';
    input.value = initial;
    if (initial) { run(initial); }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
