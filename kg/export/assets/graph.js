/* kg graph page: side panel, filters, search and neighbourhoods over a vis-network.
 * Every text from the data goes into the page through textContent, never innerHTML:
 * names and sentences come from news articles and must stay text. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var info = DATA.info, articles = DATA.articles;
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var network = null;  // made at the end, once the filters have hidden what starts hidden
  var kg = window.kg = {nodes: nodes, edges: edges, info: info, timings: {}, ready: false};

  var $ = function (id) { return document.getElementById(id); };
  var idOf = {};          // string key -> the id vis knows (ids may be numbers)
  var adj = {};           // string key -> edge ids touching it
  DATA.nodes.forEach(function (n) { idOf[String(n.id)] = n.id; adj[String(n.id)] = []; });
  Object.keys(info.edges).forEach(function (eid) {
    var e = info.edges[eid], a = String(e.from), b = String(e.to);
    adj[a].push(eid);
    if (a !== b) adj[b].push(eid);
  });
  var state = {focus: null, hiddenNodes: {}, hiddenEdges: {}};

  // ---------------------------------------------------------------- building blocks

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  function link(url, text) {
    if (!/^https?:\/\/[^\s]+$/i.test(url || "")) return el("span", null, text);
    var a = el("a", "kg-link", text);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function facts(rows) {
    var dl = el("dl", "kg-facts");
    rows.forEach(function (r) {
      if (r[1] === "" || r[1] === null || r[1] === undefined) return;
      add(dl, el("dt", null, r[0]), r[1] instanceof Node ? add(el("dd"), r[1]) : el("dd", null, r[1]));
    });
    return dl;
  }
  function nodeName(id) {
    var n = info.nodes[String(id)];
    return n ? n.name : String(id);
  }
  function entityButton(id) {
    var b = el("button", "kg-ent", nodeName(id));
    b.type = "button";
    b.addEventListener("click", function () { selectNode(id, true); });
    return b;
  }
  function swatchFor(type) {
    var input = document.querySelector("input.kg-f-type[value=\"" + CSS.escape(type) + "\"]");
    var svg = input && input.parentNode.querySelector("svg");
    return svg ? svg.cloneNode(true) : null;
  }
  function edgeColor(eid) {
    var e = edges.get(eid);
    return e && e.color ? e.color.color : "#8a8f98";
  }

  // ---------------------------------------------------------------- side panel

  var panel = $("kg-panel"), body = $("kg-panel-body");
  function openPanel(kind, nodeIds) {
    var opening = panel.hidden;
    body.replaceChildren();
    panel.setAttribute("data-kind", kind);
    panel.hidden = false;
    panel.scrollTop = 0;
    // the panel takes width from the drawing: bring back what it covered
    if (opening) requestAnimationFrame(function () { keepInView(nodeIds); });
    return body;
  }
  function keepInView(ids) {
    var pos = network.getPositions(ids), view = $("kg-network").getBoundingClientRect();
    var keys = Object.keys(pos);
    if (!keys.length) return;
    var c = {x: 0, y: 0};
    keys.forEach(function (k) { c.x += pos[k].x / keys.length; c.y += pos[k].y / keys.length; });
    var d = network.canvasToDOM(c);
    if (d.x < 20 || d.y < 20 || d.x > view.width - 20 || d.y > view.height - 20) {
      network.moveTo({position: c, animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    }
  }
  function closePanel() {
    panel.hidden = true;
    panel.removeAttribute("data-kind");
    network.unselectAll();
  }
  $("kg-panel-close").addEventListener("click", closePanel);

  function showNode(id) {
    var key = String(id), n = info.nodes[key];
    if (!n) return;
    var b = openPanel("node", [idOf[key]]);
    add(b, el("h2", "kg-node-name", n.name));
    add(b, add(el("p", "kg-sub"), swatchFor(n.type), el("span", "kg-node-type", n.typeLabel)));
    var names = el("dl", "kg-facts kg-names");
    Object.keys(n.labels).sort().forEach(function (lang) {
      add(names, el("dt", null, lang), el("dd", null, n.labels[lang]));
    });
    add(b, el("h3", null, "Names"), names.childNodes.length ? names : el("p", "kg-muted", n.name));
    var wd = n.wikidata ? link("https://www.wikidata.org/wiki/" + n.wikidata, n.wikidata) : "";
    add(b, el("h3", null, "About"), facts([
      ["Type", n.typeLabel + (n.typeLabel !== n.type ? " (" + n.type + ")" : "")],
      ["Wikidata", wd], ["Mentions", n.mentions || ""], ["Relations", n.degree], ["Id", key]]));
    add(b, nodeActions(id));
    if (state.hiddenNodes[key]) add(b, el("p", "kg-muted", "Hidden by the current filters."));
    add(b, relationList(key));
  }

  function nodeActions(id) {
    var box = el("div", "kg-actions");
    [1, 2].forEach(function (hops) {
      var btn = el("button", null, "Only its neighbourhood, " + hops + (hops > 1 ? " hops" : " hop"));
      btn.type = "button";
      btn.addEventListener("click", function () { focusOn(id, hops); });
      add(box, btn);
    });
    return box;
  }

  function relationList(key) {
    var ids = adj[key], box = el("div");
    add(box, el("h3", null, "Relations (" + ids.length + ")"));
    var ul = el("ul", "kg-edges");
    add(box, ul);
    ids.slice(0, 300).forEach(function (eid) {
      var e = info.edges[eid], out = String(e.from) === key;
      var other = out ? e.to : e.from;
      var arrow = e.symmetric ? "↔ " : (out ? "→ " : "← ");
      var btn = el("button");
      btn.type = "button";
      var dot = el("span", "kg-dot");
      dot.style.background = edgeColor(eid);
      add(btn, dot, el("span", null, arrow + e.relationLabel + " "), el("b", null, nodeName(other)),
          el("span", "kg-muted", " · " + e.support + (e.support === 1 ? " article" : " articles")));
      btn.addEventListener("click", function () { selectEdge(eid); });
      add(ul, add(el("li"), btn));
    });
    if (ids.length > 300) add(box, el("p", "kg-muted", "… and " + (ids.length - 300) + " more"));
    return box;
  }

  function showEdge(eid) {
    var e = info.edges[eid];
    if (!e) return;
    var b = openPanel("edge", [e.from, e.to]);
    var chip = el("span", "kg-rel-name", e.relationLabel);
    chip.style.background = edgeColor(eid);
    add(b, add(el("p", "kg-rel-title"), entityButton(e.from), el("span", null, e.symmetric ? " ↔ " : " → "),
               chip, el("span", null, e.symmetric ? " ↔ " : " → "), entityButton(e.to)));
    var place = e.place ? (info.nodes[e.place] ? entityButton(e.place) : e.placeName) : "";
    add(b, el("h3", null, "Qualifiers"), facts([
      ["Relation", e.relationLabel + " (" + e.relation + ")"], ["Domain", e.domain.join(", ")],
      ["Date", e.date], ["Start", e.start], ["End", e.end], ["Place", place],
      ["Trend", e.trend], ["Polarity", e.polarity],
      ["Confidence", e.confidence === null ? "" : e.confidence.toFixed(2)]]));
    add(b, el("h3", "kg-support", "Supported by " + e.support + (e.support === 1 ? " article" : " articles")));
    var ul = el("ul", "kg-articles");
    add(b, ul);
    e.articles.forEach(function (i) {
      var a = articles[i];
      var meta = [a.source, a.published].filter(Boolean).join(" · ");
      add(ul, add(el("li"), link(a.url, a.title || a.url || "(untitled article)"),
                  meta ? add(el("div", "kg-meta"), el("span", null, meta)) : null));
    });
    add(b, el("h3", null, "Evidence"));
    if (!e.evidence.length) add(b, el("p", "kg-muted", "No sentence recorded."));
    e.evidence.forEach(function (s) { add(b, el("blockquote", "kg-quote", s)); });
  }

  function selectNode(id, pan) {
    network.selectNodes([idOf[String(id)]]);
    if (pan) network.focus(idOf[String(id)], {scale: Math.max(network.getScale(), 1.0),
                                              animation: {duration: 450, easingFunction: "easeInOutQuad"}});
    showNode(id);
  }
  function selectEdge(eid) {
    network.selectEdges([eid]);
    showEdge(eid);
  }

  // ---------------------------------------------------------------- filters

  function dateSpan(text, end) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
    if (!m) return null;
    if (m[3]) return m[1] + "-" + m[2] + "-" + m[3];
    if (m[2]) return m[1] + "-" + m[2] + (end ? "-31" : "-01");
    return m[1] + (end ? "-12-31" : "-01-01");
  }
  function bound(input, end) {
    var text = input.value.trim(), day = text ? dateSpan(text, end) : null;
    input.classList.toggle("kg-bad", Boolean(text) && !day);
    return day;
  }
  function checked(cls) {
    var set = new Set();
    document.querySelectorAll("input." + cls).forEach(function (i) { if (i.checked) set.add(i.value); });
    return set;
  }
  function readFilters() {
    var since = bound($("kg-since"), false), until = bound($("kg-until"), true);
    var srcBoxes = document.querySelectorAll("input.kg-f-src");
    var srcs = checked("kg-f-src");
    return {types: checked("kg-f-type"), rels: checked("kg-f-rel"), srcs: srcs,
            allSources: srcs.size === srcBoxes.length,
            bounds: since || until ? [since || "0000-01-01", until || "9999-12-31"] : null,
            hideLonely: $("kg-hide-lonely").checked, focus: state.focus};
  }
  function edgeShown(e, f) {
    var a = String(e.from), b = String(e.to);
    if (!f.rels.has(e.relation)) return false;
    if (!f.types.has(info.nodes[a].type) || !f.types.has(info.nodes[b].type)) return false;
    if (f.focus && !(f.focus.has(a) && f.focus.has(b))) return false;
    if (f.bounds && !e.spans.some(function (s) { return s[0] <= f.bounds[1] && s[1] >= f.bounds[0]; })) return false;
    if (!f.allSources) {
      var srcs = e.articles.map(function (i) { return articles[i].source; });
      if (!srcs.length) srcs = [""];
      if (!srcs.some(function (s) { return f.srcs.has(s); })) return false;
    }
    return true;
  }
  function applyFilters() {
    var f = readFilters(), degree = {}, eUpd = [], nUpd = [], shownE = 0, shownN = 0;
    Object.keys(info.edges).forEach(function (eid) {
      var e = info.edges[eid], show = edgeShown(e, f);
      if (show) {
        shownE++;
        degree[String(e.from)] = (degree[String(e.from)] || 0) + 1;
        degree[String(e.to)] = (degree[String(e.to)] || 0) + 1;
      }
      if (Boolean(state.hiddenEdges[eid]) === show) { state.hiddenEdges[eid] = !show; eUpd.push({id: eid, hidden: !show}); }
    });
    Object.keys(info.nodes).forEach(function (key) {
      var n = info.nodes[key];
      var show = f.types.has(n.type) && (!f.focus || f.focus.has(key)) &&
                 (!f.hideLonely || degree[key] > 0 || key === state.focusCentre);
      if (show) shownN++;
      if (Boolean(state.hiddenNodes[key]) === show) { state.hiddenNodes[key] = !show; nUpd.push({id: idOf[key], hidden: !show}); }
    });
    if (eUpd.length) edges.update(eUpd);
    if (nUpd.length) nodes.update(nUpd);
    var nAll = DATA.nodes.length, eAll = DATA.edges.length;
    $("kg-counts").textContent = (shownN === nAll ? nAll : shownN + " of " + nAll) + " entities · " +
                                 (shownE === eAll ? eAll : shownE + " of " + eAll) + " relations";
    kg.shown = {nodes: shownN, edges: shownE};
  }
  var pending = null;
  function scheduleFilters(delay) {
    clearTimeout(pending);
    pending = setTimeout(applyFilters, delay || 0);
  }
  $("kg-side").addEventListener("change", function () { scheduleFilters(0); });
  $("kg-since").addEventListener("input", function () { scheduleFilters(300); });
  $("kg-until").addEventListener("input", function () { scheduleFilters(300); });
  function setSources(on) {
    document.querySelectorAll("input.kg-f-src").forEach(function (i) { i.checked = on; });
    applyFilters();
  }
  $("kg-src-all").addEventListener("click", function () { setSources(true); });
  $("kg-src-none").addEventListener("click", function () { setSources(false); });
  function resetFilters() {
    document.querySelectorAll("#kg-side input[type=checkbox]").forEach(function (i) { i.checked = true; });
    $("kg-since").value = $("kg-until").value = "";
    state.focus = state.focusCentre = null;
    $("kg-show-all").hidden = true;
    applyFilters();
  }
  $("kg-reset").addEventListener("click", resetFilters);
  kg.applyFilters = applyFilters;

  // ---------------------------------------------------------------- neighbourhoods

  function neighbourhood(key, hops) {
    var seen = new Set([key]), frontier = [key];
    for (var d = 0; d < hops; d++) {
      var next = [];
      frontier.forEach(function (k) {
        adj[k].forEach(function (eid) {
          var e = info.edges[eid];
          [String(e.from), String(e.to)].forEach(function (m) { if (!seen.has(m)) { seen.add(m); next.push(m); } });
        });
      });
      frontier = next;
    }
    return seen;
  }
  function focusOn(id, hops) {
    var key = String(id);
    state.focus = neighbourhood(key, hops);
    state.focusCentre = key;
    $("kg-show-all").hidden = false;
    applyFilters();
    network.fit({nodes: Array.from(state.focus, function (k) { return idOf[k]; }),
                 animation: {duration: 450, easingFunction: "easeInOutQuad"}});
    selectNode(id, false);
  }
  $("kg-show-all").addEventListener("click", function () {
    state.focus = state.focusCentre = null;
    $("kg-show-all").hidden = true;
    applyFilters();
    network.fit({animation: {duration: 450}});
  });
  $("kg-fit").addEventListener("click", function () { network.fit({animation: {duration: 450}}); });
  kg.focusOn = focusOn;

  // ---------------------------------------------------------------- search

  var names = [];   // [lower-case name, key]
  Object.keys(info.nodes).forEach(function (key) {
    var n = info.nodes[key], seen = new Set();
    [n.name, key].concat(Object.values(n.labels)).forEach(function (s) {
      var low = String(s).toLowerCase().trim();
      if (low && !seen.has(low)) { seen.add(low); names.push([low, key]); }
    });
  });
  (function fillDatalist() {
    var list = $("kg-names"), frag = document.createDocumentFragment();
    Object.keys(info.nodes).slice(0, 10000).forEach(function (key) {
      var o = document.createElement("option");
      o.value = info.nodes[key].name;
      frag.appendChild(o);
    });
    list.appendChild(frag);
  })();
  function findNode(query) {
    var q = query.toLowerCase().trim();
    if (!q) return null;
    var tests = [function (s) { return s === q; }, function (s) { return s.indexOf(q) === 0; },
                 function (s) { return s.indexOf(q) >= 0; }];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < names.length; i++) if (tests[t](names[i][0])) return names[i][1];
    }
    return null;
  }
  function search(query) {
    var key = findNode(query), msg = $("kg-search-msg");
    msg.textContent = key ? "" : "Nothing called “" + query.trim() + "”";
    if (!key) return null;
    if (state.hiddenNodes[key]) resetFilters();
    selectNode(idOf[key], true);
    return key;
  }
  $("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search($("kg-search").value);
  });
  $("kg-search").addEventListener("input", function (ev) {
    // picking a datalist suggestion arrives as an input event without a typed key
    if (!ev.inputType || ev.inputType === "insertReplacementText") search(ev.target.value);
  });
  kg.search = search;

  // ---------------------------------------------------------------- the drawing

  applyFilters();
  network = kg.network = new vis.Network($("kg-network"), {nodes: nodes, edges: edges}, DATA.options);
  kg.timings.built = performance.now();
  network.once("afterDrawing", function () {
    kg.timings.firstDraw = performance.now();
    kg.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else closePanel();
  });
})();
