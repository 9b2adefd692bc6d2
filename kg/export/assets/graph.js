/* kg graph page: side panel, filters, search and neighbourhoods over a vis-network.
 * Every text from the data goes into the page through textContent, never innerHTML:
 * names and sentences come from news articles and must stay text. */
(function () {
  "use strict";
  var started = performance.now();
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var info = DATA.info, articles = DATA.articles, values = DATA.values || {};
  var FONT = DATA.options.nodes.font.face;
  var EDGE_LABEL_ZOOM = 1.5;   // from this scale on every edge shows its relation
  var EDGE_FONT = DATA.options.edges.font.size, EDGE_READABLE = 7;  // px on screen
  var MIN_START_SCALE = 0.55;
  var REVEAL_MAX = 200;  // facts drawn at once around an entity found by search  // names of ~13 px show at 7 px or more
  var TOUCH_SLOP = 22, MOUSE_SLOP = 6;   // px around a node that still hits it
  // Nodes start without names: the names that fit are placed (declutter) before the first
  // frame, so vis neither measures nor draws the hundreds that would overlap.
  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    var c = {};
    Object.keys(n).forEach(function (k) { c[k] = n[k]; });
    c.label = "";
    return c;
  }));
  var edges = new vis.DataSet([]);   // one per pair of nodes: the bundle of their facts
  var network = null;  // made at the end, once the filters have hidden what starts hidden
  var kg = window.kg = {nodes: nodes, edges: edges, info: info, timings: {script: started, data: performance.now()},
                         ready: false, chunksRead: []};

  var $ = function (id) { return document.getElementById(id); };
  var idOf = {};          // string key -> the id vis knows (ids may be numbers)
  var adj = {};           // string key -> fact ids touching it
  var factStyle = {};     // fact id -> {color, width, dashes, arrow}
  var bundleOf = {}, bundles = {}, bundleIds = {}, nBundles = 0;
  var state = {focus: null, hiddenNodes: {}, hiddenEdges: {}, bundleSig: {}, edgeLabel: {},
               asked: {}, nodeLabel: {}, selectedNode: null, selectedBundle: null};

  function pairKey(a, b) { return a < b ? a + "\u0000" + b : b + "\u0000" + a; }
  function addFact(eid, style) {
    var e = info.edges[eid], a = String(e.from), b = String(e.to), key = pairKey(a, b);
    factStyle[eid] = style;
    adj[a] = adj[a] || [];
    adj[b] = adj[b] || [];
    adj[a].push(eid);
    if (a !== b) adj[b].push(eid);
    var bid = bundleIds[key];
    if (bid === undefined) {
      bid = bundleIds[key] = "b" + (nBundles++);
      bundles[bid] = {id: bid, from: e.from, to: e.to, members: []};
    }
    bundles[bid].members.push(eid);
    bundleOf[eid] = bid;
    return bid;
  }
  DATA.nodes.forEach(function (n) { idOf[String(n.id)] = n.id; adj[String(n.id)] = []; state.nodeLabel[String(n.id)] = ""; });
  DATA.edges.forEach(function (v) {
    addFact(v.id, {color: v.color.color, width: v.width, dashes: Boolean(v.dashes),
                   arrow: v.arrows.to.enabled, label: v.label});
  });

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
    b.addEventListener("click", function () {
      reveal(String(id)).then(function () { if (info.nodes[String(id)]) selectNode(idOf[String(id)], true); });
    });
    return b;
  }
  function swatchFor(type) {
    var input = document.querySelector("input.kg-f-type[value=\"" + CSS.escape(type) + "\"]");
    var svg = input && input.parentNode.querySelector("svg");
    return svg ? svg.cloneNode(true) : null;
  }
  function edgeColor(eid) {
    return factStyle[eid] ? factStyle[eid].color : "#8a8f98";
  }
  function narrow() { return window.matchMedia("(max-width: 760px)").matches; }
  // vis-network 9 with physics off redraws the whole canvas at once on every change of its
  // data (startSimulation → _redraw), so drawing an entity found by search took five full
  // redraws. Changes made here hold the drawing back until they are all made, then ask for
  // one frame: the renderer's own _blockRedraw/_allowRedraw/_requestRedraw.
  function quietly(change) {
    if (!network) return change();
    var emitter = network.body.emitter;
    emitter.emit("_blockRedraw");
    try { return change(); } finally {
      emitter.emit("_allowRedraw");
      emitter.emit("_requestRedraw");
    }
  }

  // ---------------------------------------------------------------- bundles of facts

  // What a bundle looks like follows the facts of it the filters show: one colour when
  // they share one, an arrow for each way someone acts, dashed only when all are denied.
  function bundleLook(bid) {
    var b = bundles[bid], shown = b.members.filter(function (eid) { return !state.hiddenEdges[eid]; });
    if (!shown.length) return {hidden: true};
    var colors = {}, support = 0, dashes = true, to = false, back = false, rels = {};
    shown.forEach(function (eid) {
      var e = info.edges[eid], s = factStyle[eid];
      colors[s.color] = true;
      support += Math.max(e.support || 1, 1);
      dashes = dashes && s.dashes;
      rels[e.relation] = true;
      if (s.arrow) { if (String(e.from) === String(b.from)) to = true; else back = true; }
    });
    var colour = Object.keys(colors).length === 1 ? Object.keys(colors)[0] : "#6b7280";
    var nRels = Object.keys(rels).length, first = info.edges[shown[0]].relationLabel;
    var text = shown.length === 1 ? first : nRels === 1 ? first + " ×" + shown.length
                                                          : shown.length + " relations";
    return {hidden: false, color: colour, dashes: dashes, text: text, count: shown.length,
            width: Math.round(Math.min(1 + 1.6 * Math.log2(support), 8) * 100) / 100,
            arrows: {to: {enabled: to}, from: {enabled: back}}};
  }
  function bundleUpdate(bid, look) {
    if (look.hidden) return {id: bid, hidden: true};
    return {id: bid, hidden: false, width: look.width, dashes: look.dashes, arrows: look.arrows,
            color: {color: look.color, highlight: look.color, hover: look.color, opacity: 0.85}};
  }
  function refreshBundles(ids) {
    var upd = [], fresh = [];
    ids.forEach(function (bid) {
      var look = bundleLook(bid), sig = JSON.stringify(look);
      if (state.bundleSig[bid] === sig) return;
      var known = state.bundleSig[bid] !== undefined;
      state.bundleSig[bid] = sig;
      bundles[bid].look = look;
      var item = bundleUpdate(bid, look);
      if (known) upd.push(item);
      else { item.from = bundles[bid].from; item.to = bundles[bid].to; item.label = ""; fresh.push(item); }
    });
    quietly(function () {
      if (fresh.length) edges.add(fresh);
      if (upd.length) edges.update(upd);
    });
  }
  function shownMembers(bid) {
    return bundles[bid].members.filter(function (eid) { return !state.hiddenEdges[eid]; });
  }

  // ---------------------------------------------------------------- labels

  // Edge labels are drawn only when asked for: the edge or an end of it hovered or
  // selected, or the view zoomed in far enough to read them.
  function refreshEdgeLabels() {
    if (!network) return;
    var zoomed = network.getScale() >= EDGE_LABEL_ZOOM, upd = [];
    var asked = {};
    Object.keys(state.asked).forEach(function (k) { if (state.asked[k]) asked[k] = true; });
    if (state.selectedBundle) asked[state.selectedBundle] = true;
    if (state.selectedNode && adj[state.selectedNode]) {
      adj[state.selectedNode].forEach(function (eid) { asked[bundleOf[eid]] = true; });
    }
    // vis leaves out text drawn under 5 px: a label asked for in a zoomed-out view is written
    // larger, so that it still reads
    var size = Math.max(EDGE_FONT, Math.ceil(EDGE_READABLE / network.getScale()));
    Object.keys(bundles).forEach(function (bid) {
      var b = bundles[bid], want = Boolean(b.look && !b.look.hidden && (zoomed || asked[bid]));
      var text = want ? b.look.text : "", seen = text ? text + "\u0000" + size : "";
      if ((state.edgeLabel[bid] || "") !== seen) {
        state.edgeLabel[bid] = seen;
        upd.push({id: bid, label: text, font: {size: text ? size : EDGE_FONT}});
      }
    });
    if (upd.length) quietly(function () { edges.update(upd); });
  }
  kg.edgeLabelZoom = EDGE_LABEL_ZOOM;

  // Node labels at the current zoom: the best-connected first, and a label that would
  // overlap one already placed is left out until the view is zoomed in (or its node is
  // hovered or selected). vis draws a label centred under its node, its top at the
  // node's bottom edge.
  var measure = document.createElement("canvas").getContext("2d");
  var widthCache = {};
  function labelWidth(key, size) {
    var c = widthCache[key];
    if (c === undefined) {
      measure.font = "100px " + FONT;
      c = widthCache[key] = measure.measureText(info.nodes[key].name).width / 100;
    }
    return c * size;
  }
  function labelBox(key, pos, n, pad) {
    var size = n.font && n.font.size ? n.font.size : 14, w = labelWidth(key, size);
    var top = pos.y + (n.size || 10) + 4 + size / 2;   // where vis 9 puts it, measured
    return {l: pos.x - w / 2 - pad, r: pos.x + w / 2 + pad, t: top - pad, b: top + size + pad};
  }
  function declutter() {
    if (!network) return;
    var scale = network.getScale(), pad = 3 / scale, cell = 160 / scale, grid = {}, upd = [];
    var ids = nodes.getIds({filter: function (n) { return !n.hidden; }}), pos = network.getPositions(ids);
    var rank = {}, item = {};
    ids.forEach(function (id) {
      var key = String(id), n = item[key] = nodes.get(id);
      rank[key] = key === state.selectedNode || key === state.hovered ? -1e9
                : -(n.size || 0) * 1000 - (info.nodes[key].degree || 0);
    });
    var keys = ids.map(String).sort(function (a, b) { return rank[a] - rank[b] || (a < b ? -1 : 1); });
    function cellsOf(box) {
      var out = [];
      for (var x = Math.floor(box.l / cell); x <= Math.floor(box.r / cell); x++)
        for (var y = Math.floor(box.t / cell); y <= Math.floor(box.b / cell); y++) out.push(x + "," + y);
      return out;
    }
    function hits(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
    keys.forEach(function (key) {
      var n = item[key], box = labelBox(key, pos[idOf[key]], n, pad), cs = cellsOf(box);
      var free = cs.every(function (c) { return !(grid[c] || []).some(function (o) { return hits(o, box); }); });
      if (free) cs.forEach(function (c) { (grid[c] = grid[c] || []).push(box); });
      var text = free ? info.nodes[key].name : "";
      if (state.nodeLabel[key] !== text) { state.nodeLabel[key] = text; upd.push({id: idOf[key], label: text}); }
    });
    if (upd.length) quietly(function () { nodes.update(upd); });
  }
  var labelTimer = null;
  function relabel(delay) {
    clearTimeout(labelTimer);
    labelTimer = setTimeout(function () { declutter(); refreshEdgeLabels(); }, delay || 0);
  }
  kg.relabel = function () { declutter(); refreshEdgeLabels(); };

  // ---------------------------------------------------------------- side panel

  var panel = $("kg-panel"), body = $("kg-panel-body");
  function openPanel(kind, nodeIds) {
    body.replaceChildren();
    panel.setAttribute("data-kind", kind);
    panel.hidden = false;
    panel.scrollTop = 0;
    document.body.classList.remove("kg-side-open");
    // the panel takes room from the drawing: bring back what it covered
    requestAnimationFrame(function () { keepInView(nodeIds); });
    return body;
  }
  function visibleArea() {
    var view = $("kg-network").getBoundingClientRect(), area = {w: view.width, h: view.height};
    if (!panel.hidden && narrow()) area.h = Math.max(80, panel.getBoundingClientRect().top - view.top);
    return area;
  }
  function keepInView(ids) {
    var pos = network.getPositions(ids), area = visibleArea();
    var keys = Object.keys(pos);
    if (!keys.length) return;
    var c = {x: 0, y: 0};
    keys.forEach(function (k) { c.x += pos[k].x / keys.length; c.y += pos[k].y / keys.length; });
    var d = network.canvasToDOM(c);
    if (d.x < 20 || d.y < 20 || d.x > area.w - 20 || d.y > area.h - 20) {
      // moveTo centres the point in the whole canvas; aim at the middle of what shows
      var shift = ($("kg-network").getBoundingClientRect().height - area.h) / 2 / network.getScale();
      network.moveTo({position: {x: c.x, y: c.y + shift}, animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    }
  }
  function closePanel() {
    panel.hidden = true;
    panel.removeAttribute("data-kind");
    network.unselectAll();
    state.selectedNode = state.selectedBundle = null;
    relabel();
  }
  $("kg-panel-close").addEventListener("click", closePanel);

  function showNode(id) {
    var key = String(id), n = info.nodes[key];
    if (!n) return;
    state.selectedNode = key;
    state.selectedBundle = null;
    relabel();
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
    add(b, valueList(key));
    add(b, relationList(key));
  }

  function valueList(key) {
    var rows = values[key];
    if (!rows || !rows.length) return null;
    var box = el("div", "kg-values");
    add(box, el("h3", null, "Values (facts with no edge)"));
    rows.forEach(function (v) {
      add(box, facts([[v.relationLabel, v.value + " · " + v.support + (v.support === 1 ? " article" : " articles")]]));
      v.evidence.slice(0, 2).forEach(function (s) { add(box, el("blockquote", "kg-quote", s)); });
    });
    return box;
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
    var ids = adj[key] || [], box = el("div");
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
    var waiting = reserve && reserve.byNode[key] ? reserve.byNode[key].length : 0;
    if (waiting) add(box, el("p", "kg-muted", "… and " + waiting + " more, not drawn (the page draws " + REVEAL_MAX + " at a time)"));
    return box;
  }

  function factSection(b, eid, many) {
    var e = info.edges[eid];
    var chip = el("span", "kg-rel-name", e.relationLabel);
    chip.style.background = edgeColor(eid);
    add(b, add(el(many ? "h4" : "p", "kg-rel-title"), entityButton(e.from), el("span", null, e.symmetric ? " ↔ " : " → "),
               chip, el("span", null, e.symmetric ? " ↔ " : " → "), entityButton(e.to)));
    var place = e.place ? (info.nodes[e.place] ? entityButton(e.place) : e.placeName) : "";
    add(b, el("h3", null, "Qualifiers"), facts([
      ["Relation", e.relationLabel + " (" + e.relation + ")"], ["Domain", e.domain.join(", ")],
      ["Date", e.date], ["Start", e.start], ["End", e.end], ["Place", place],
      ["Trend", e.trend], ["Polarity", e.polarity],
      ["Confidence", e.confidence === null ? "" : e.confidence.toFixed(2)]]));
    add(b, el("h3", "kg-support", "Supported by " + e.support + (e.support === 1 ? " article" : " articles")));
    if (e.articles.length && e.articles.length < e.support) add(b, el("p", "kg-muted", "The first " + e.articles.length + " listed."));
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
  function showEdge(eid) {
    var e = info.edges[eid];
    if (!e) return;
    if (needsDetail([eid])) {
      state.selectedBundle = bundleOf[eid];
      return detailed([eid]).then(function () { if (state.selectedBundle === bundleOf[eid]) showEdge(eid); });
    }
    state.selectedNode = null;
    state.selectedBundle = bundleOf[eid];
    relabel();
    factSection(openPanel("edge", [e.from, e.to]), eid, false);
  }
  function showBundle(bid) {
    var members = shownMembers(bid);
    if (members.length === 1) return showEdge(members[0]);
    if (needsDetail(members)) {
      state.selectedBundle = bid;
      return detailed(members).then(function () { if (state.selectedBundle === bid) showBundle(bid); });
    }
    var bd = bundles[bid];
    state.selectedNode = null;
    state.selectedBundle = bid;
    relabel();
    var b = openPanel("edge", [bd.from, bd.to]);
    add(b, add(el("p", "kg-rel-title"), entityButton(bd.from), el("span", null, " · "), entityButton(bd.to)));
    add(b, el("p", "kg-muted kg-bundle-count", members.length + " relations between them"));
    members.forEach(function (eid) { add(b, add(el("section", "kg-fact"), null)); factSection(b.lastChild, eid, true); });
  }

  function selectNode(id, pan) {
    network.selectNodes([idOf[String(id)]]);
    if (pan) network.focus(idOf[String(id)], {scale: Math.max(network.getScale(), 1.0),
                                              animation: {duration: 450, easingFunction: "easeInOutQuad"}});
    showNode(id);
  }
  function selectEdge(eid) {
    network.selectEdges([bundleOf[eid]]);
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
      var srcs = e.sources || e.articles.map(function (i) { return articles[i].source; });
      if (!srcs.length) srcs = [""];
      if (!srcs.some(function (s) { return f.srcs.has(s); })) return false;
    }
    return true;
  }
  function applyFilters() {
    var f = readFilters(), degree = {}, nUpd = [], shownE = 0, shownN = 0, touched = {};
    Object.keys(info.edges).forEach(function (eid) {
      var e = info.edges[eid], show = edgeShown(e, f);
      if (show) {
        shownE++;
        degree[String(e.from)] = (degree[String(e.from)] || 0) + 1;
        degree[String(e.to)] = (degree[String(e.to)] || 0) + 1;
      }
      if (state.hiddenEdges[eid] === undefined || Boolean(state.hiddenEdges[eid]) === show) {
        state.hiddenEdges[eid] = !show;
        touched[bundleOf[eid]] = true;
      }
    });
    Object.keys(info.nodes).forEach(function (key) {
      var n = info.nodes[key];
      var show = f.types.has(n.type) && (!f.focus || f.focus.has(key)) &&
                 (!f.hideLonely || degree[key] > 0 || key === state.focusCentre);
      if (show) shownN++;
      if (Boolean(state.hiddenNodes[key]) === show) { state.hiddenNodes[key] = !show; nUpd.push({id: idOf[key], hidden: !show}); }
    });
    quietly(function () {
      refreshBundles(Object.keys(touched));
      if (nUpd.length) nodes.update(nUpd);
    });
    var nAll = Object.keys(info.nodes).length, eAll = Object.keys(info.edges).length;
    $("kg-counts").textContent = (shownN === nAll ? nAll : shownN + " of " + nAll) + " entities · " +
                                 (shownE === eAll ? eAll : shownE + " of " + eAll) + " relations";
    kg.shown = {nodes: shownN, edges: shownE};
    relabel();
  }
  function shownNodeIds() {
    return nodes.getIds({filter: function (n) { return !n.hidden; }});
  }
  function fitShown() {
    var ids = shownNodeIds();
    if (ids.length) network.fit({nodes: ids, animation: {duration: 400, easingFunction: "easeInOutQuad"}});
  }
  var pending = null;
  // A filter changed by hand re-fits the view to what is left.
  function scheduleFilters(delay) {
    clearTimeout(pending);
    pending = setTimeout(function () { applyFilters(); fitShown(); }, delay || 0);
  }
  $("kg-side").addEventListener("change", function () { scheduleFilters(0); });
  $("kg-since").addEventListener("input", function () { scheduleFilters(300); });
  $("kg-until").addEventListener("input", function () { scheduleFilters(300); });
  function setSources(on) {
    document.querySelectorAll("input.kg-f-src").forEach(function (i) { i.checked = on; });
    applyFilters();
    fitShown();
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
  $("kg-reset").addEventListener("click", function () { resetFilters(); fitShown(); });
  kg.applyFilters = applyFilters;

  // ---------------------------------------------------------------- neighbourhoods

  function neighbourhood(key, hops) {
    var seen = new Set([key]), frontier = [key];
    for (var d = 0; d < hops; d++) {
      var next = [];
      frontier.forEach(function (k) {
        (adj[k] || []).forEach(function (eid) {
          var e = info.edges[eid];
          [String(e.from), String(e.to)].forEach(function (m) { if (!seen.has(m)) { seen.add(m); next.push(m); } });
        });
      });
      frontier = next;
    }
    return seen;
  }
  function focusOn(id, hops) {
    return reveal(String(id)).then(function () { focusDrawn(id, hops); });
  }
  function focusDrawn(id, hops) {
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
    fitShown();
  });
  $("kg-fit").addEventListener("click", fitShown);
  kg.focusOn = focusOn;

  // ---------------------------------------------------------------- the rest of a big graph

  // A page of a big graph draws its best-connected part; the rest waits after the scripts
  // (so the drawing neither waits for the parser to read it nor pays to parse it), gzip'd
  // JSON in base64: #kg-index, the entities not drawn and the chunk holding each entity's
  // facts, unpacked on the first search or click; #kg-chunk-N, the facts of a block of
  // entities with the articles they cite, unpacked when one of them is drawn. Rows stay
  // arrays until an entity of them is drawn.
  var reserve = null, indexLoading = null, chunkLoading = {};
  function whenParsed() {
    if (document.readyState !== "loading") return Promise.resolve();
    return new Promise(function (done) { document.addEventListener("DOMContentLoaded", done, {once: true}); });
  }
  function inflate(b64) {
    var bytes;
    if (typeof Uint8Array.fromBase64 === "function") bytes = Uint8Array.fromBase64(b64.trim());
    else {
      var bin = atob(b64.trim());
      bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    }
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }
  function unpack(id) {
    var tag = $(id);
    return tag ? inflate(tag.textContent).then(JSON.parse) : Promise.resolve(null);
  }
  function loadIndex() {
    if (!indexLoading) {
      indexLoading = whenParsed().then(function () { return unpack("kg-index"); })
                                 .then(function (r) { return r ? readIndex(r) : null; });
    }
    return indexLoading;
  }
  function readIndex(r) {
    var nf = r.nodeFields, ef = r.edgeFields, col = {};
    ef.forEach(function (f, i) { col[f] = i; });
    nf.forEach(function (f, i) { col["node." + f] = i; });
    reserve = {nodes: {}, byNode: {}, facts: {}, fields: {node: nf, edge: ef, ref: r.refFields, col: col},
               types: r.types, relations: r.relations, chunkOf: r.chunkOf};
    r.nodes.forEach(function (row) { reserve.nodes[row[col["node.id"]]] = row; });
    kg.reserve = reserve;
    return reserve;
  }
  // The chunk with every fact of `key` not drawn yet (a promise; nothing to load: null).
  function loadChunkOf(key) {
    var c = reserve.chunkOf[key];
    return c === undefined ? Promise.resolve(null) : loadChunk(c);
  }
  function loadChunk(c) {
    if (!chunkLoading[c]) {
      chunkLoading[c] = unpack("kg-chunk-" + c).then(function (r) {
        if (r) { readChunk(r); kg.chunksRead.push(c); }
        return c;
      });
    }
    return chunkLoading[c];
  }
  // A fact between two chunks is in full in one (its home) and a reference in the other:
  // either is read into reserve.facts as an object, the full one replacing a reference
  // (and filling in the details of the fact if it is drawn already).
  function readChunk(r) {
    var F = reserve.fields, first = articles.length;
    r.articles.forEach(function (a) { articles.push(a); });
    r.edges.forEach(function (row) {
      var o = rowObject(row, F.edge), known = reserve.facts[o.fact];
      if (known && known.home === undefined) return;
      o.articles = o.articles.map(function (i) { return i + first; });
      if (known) {   // the reference becomes the fact, wherever it is listed or drawn
        Object.keys(o).forEach(function (f) { known[f] = o[f]; });
        delete known.home;
        delete known.published;
        delete known.sources;
        detail(known);
        return;
      }
      reserve.facts[o.fact] = o;
      listFact(o);
    });
    (r.refs || []).forEach(function (row) {
      var o = rowObject(row, F.ref);
      if (reserve.facts[o.fact]) return;
      o.articles = [];
      reserve.facts[o.fact] = o;
      listFact(o);
    });
  }
  function listFact(o) {
    var ends = [String(o.from), String(o.to)];
    if (ends[0] === ends[1]) ends.pop();
    ends.forEach(function (k) { (reserve.byNode[k] = reserve.byNode[k] || []).push(o); });
  }
  // The details of a fact drawn from its reference, once its home chunk is read.
  function detail(o) {
    var e = info.edges["e" + o.fact];
    if (!e || e.home === undefined) return;
    ["domain", "place", "placeName", "trend", "confidence", "evidence", "articles"].forEach(function (f) { e[f] = o[f]; });
    e.support = o.support;
    e.spans = spansOf(o);
    delete e.sources;
    delete e.home;
  }
  // A promise that the facts `eids` have their details (their home chunks read).
  function detailed(eids) {
    var homes = {};
    eids.forEach(function (eid) { var e = info.edges[eid]; if (e && e.home !== undefined) homes[e.home] = true; });
    return Promise.all(Object.keys(homes).map(function (c) {
      return loadChunk(Number(c)).then(function () {
        eids.forEach(function (eid) { var e = info.edges[eid]; if (e && e.home === Number(c)) delete e.home; });
      });
    }));
  }
  function needsDetail(eids) {
    return eids.some(function (eid) { return info.edges[eid] && info.edges[eid].home !== undefined; });
  }
  function rowObject(row, fields) {
    var o = {};
    fields.forEach(function (f, i) { o[f] = row[i]; });
    return o;
  }
  // The time a fact speaks of, as kg.export.html.dates.edge_spans has it (the reserve
  // leaves it out: with an article's date each, it would be most of the page).
  function daySpan(value) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(String(value || "").trim());
    if (!m) return null;
    if (m[3]) return [m[1] + "-" + m[2] + "-" + m[3], m[1] + "-" + m[2] + "-" + m[3]];
    if (m[2]) return [m[1] + "-" + m[2] + "-01", m[1] + "-" + m[2] + "-31"];
    return [m[1] + "-01-01", m[1] + "-12-31"];
  }
  function spansOf(o) {
    var days = o.published || o.articles.map(function (i) { return articles[i].published; });
    var vals = [o.date, o.start, o.end].concat(days);
    var spans = vals.map(daySpan).filter(Boolean), s = daySpan(o.start), e = daySpan(o.end);
    if (s && e) spans.push([s[0], e[1]]);
    return spans;
  }
  function drawnBox() {
    var pos = network.getPositions(), box = null;
    Object.keys(pos).forEach(function (k) {
      var p = pos[k];
      box = box ? {l: Math.min(box.l, p.x), r: Math.max(box.r, p.x), t: Math.min(box.t, p.y), b: Math.max(box.b, p.y)}
                : {l: p.x, r: p.x, t: p.y, b: p.y};
    });
    return box || {l: 0, r: 0, t: 0, b: 0};
  }
  // The node of `key` for vis (added by the caller, all at once: one add of 200 nodes is
  // one update of the drawing, 200 adds are 200).
  function reserveNode(key, x, y) {
    var o = rowObject(reserve.nodes[key], reserve.fields.node), t = reserve.types[o.type];
    o.typeLabel = t[0];
    o.shape = t[1];
    o.color = t[2];
    o.border = t[3];
    info.nodes[key] = {name: o.name, type: o.type, typeLabel: o.typeLabel, labels: o.labels,
                       wikidata: o.wikidata, mentions: o.mentions, degree: o.degree};
    idOf[key] = key;
    adj[key] = adj[key] || [];
    state.nodeLabel[key] = o.name;
    delete reserve.nodes[key];
    return {id: key, label: o.name, x: x, y: y, shape: o.shape, size: o.size,
            font: {size: o.fontSize},
            color: {background: o.color, border: o.border,
                    highlight: {background: o.color, border: "#111111"},
                    hover: {background: o.color, border: "#111111"}}};
  }
  // Draw an entity the page has not drawn yet, with every fact of it and its neighbours,
  // on a ring around it beside the drawing (or around its drawn neighbours).
  function reveal(key) {
    if (document.readyState !== "loading" && !$("kg-index")) return Promise.resolve(0);
    return loadIndex().then(function (r) {
      if (!r) return 0;
      return loadChunkOf(key).then(function () { return drawFromReserve(key); });
    });
  }
  function drawFromReserve(key) {
    if (!reserve.byNode[key] && info.nodes[key]) return 0;
    var waiting = (reserve.byNode[key] || []).filter(function (o) { return !info.edges["e" + o.fact]; })
                                             .sort(function (a, b) { return b.support - a.support || a.fact - b.fact; });
    if (!info.nodes[key] && !reserve.nodes[key]) return 0;
    if (!waiting.length && info.nodes[key]) return 0;
    // a hub of a big graph has thousands: draw the best-supported, keep the rest waiting
    var facts_ = waiting.slice(0, REVEAL_MAX).map(function (o) {
      var r = reserve.relations[o.relation];
      o.eid = "e" + o.fact;
      o.relationLabel = r[0];
      o.family = r[1];
      o.color = r[2];
      // as kg.export.html.vis draws a fact: thicker with more articles, dashed when denied
      o.width = Math.round(Math.min(1 + 1.6 * Math.log2(Math.max(o.support, 1)), 8) * 100) / 100;
      o.dashes = ["negative", "neg", "-"].indexOf(String(o.polarity || "").toLowerCase()) >= 0;
      return o;
    });
    reserve.byNode[key] = waiting.slice(REVEAL_MAX);
    var centre, added = [];
    if (info.nodes[key]) centre = network.getPositions([idOf[key]])[idOf[key]];
    else {
      var near = facts_.map(function (o) { return String(o.from) === key ? o.to : o.from; })
                       .filter(function (k) { return info.nodes[k]; });
      if (near.length) {
        var p = network.getPositions(near.map(function (k) { return idOf[k]; })), c = {x: 0, y: 0};
        near.forEach(function (k) { c.x += p[idOf[k]].x / near.length; c.y += p[idOf[k]].y / near.length; });
        centre = {x: c.x + 160, y: c.y + 160};
      } else {
        var box = drawnBox();
        centre = {x: box.r + 400, y: (box.t + box.b) / 2};
      }
      added.push(reserveNode(key, centre.x, centre.y));
    }
    var fresh = facts_.map(function (o) { return String(o.from) === key ? o.to : o.from; })
                      .filter(function (k) { return !info.nodes[k] && reserve.nodes[k]; });
    fresh = Array.from(new Set(fresh));
    var radius = 140 + 12 * fresh.length;
    fresh.forEach(function (k, i) {
      var a = 2 * Math.PI * i / Math.max(fresh.length, 1);
      added.push(reserveNode(k, centre.x + radius * Math.cos(a), centre.y + radius * Math.sin(a)));
    });
    if (added.length) quietly(function () { nodes.add(added); });
    var touched = [];
    facts_.forEach(function (o) {
      if (info.edges[o.eid] || !info.nodes[o.from] || !info.nodes[o.to]) return;
      info.edges[o.eid] = {from: o.from, to: o.to, relation: o.relation, relationLabel: o.relationLabel,
        family: o.family, symmetric: o.symmetric, domain: o.domain || [], date: o.date, start: o.start,
        end: o.end, place: o.place || "", placeName: o.placeName || "", trend: o.trend || "",
        polarity: o.polarity, support: o.support, confidence: o.confidence === undefined ? null : o.confidence,
        evidence: o.evidence || [], articles: o.articles, spans: spansOf(o)};
      if (o.home !== undefined) {   // a reference: the details wait in its home chunk
        info.edges[o.eid].home = o.home;
        info.edges[o.eid].sources = o.sources.length ? o.sources : [""];
      }
      touched.push(addFact(o.eid, {color: o.color, width: o.width, dashes: o.dashes,
                                   arrow: !o.symmetric, label: o.relationLabel}));
    });
    if (!reserve.byNode[key].length) delete reserve.byNode[key];
    applyFilters();
    return touched.length;
  }
  kg.reveal = reveal;

  // ---------------------------------------------------------------- search

  var names = null;   // a promise of [lower-case name, key], made on the first search
  function nameIndex() {
    if (names) return names;
    names = loadIndex().then(function (r) {
      var all = [];
      function index(key, name, labels) {
        var seen = new Set();
        [name, key].concat(Object.values(labels || {})).forEach(function (s) {
          var low = String(s).toLowerCase().trim();
          if (low && !seen.has(low)) { seen.add(low); all.push([low, key]); }
        });
      }
      Object.keys(info.nodes).forEach(function (key) { index(key, info.nodes[key].name, info.nodes[key].labels); });
      if (r) {
        var col = r.fields.col;
        Object.keys(r.nodes).forEach(function (key) {
          index(key, r.nodes[key][col["node.name"]], r.nodes[key][col["node.labels"]]);
        });
      }
      return all;
    });
    return names;
  }
  function fillDatalist() {
    var list = $("kg-names"), frag = document.createDocumentFragment(), n = 0;
    Object.keys(info.nodes).forEach(function (key) {
      if (n++ >= 10000) return;
      var o = document.createElement("option");
      o.value = info.nodes[key].name;
      frag.appendChild(o);
    });
    list.appendChild(frag);
  }
  function findNode(all, query) {
    var q = query.toLowerCase().trim();
    if (!q) return null;
    var tests = [function (s) { return s === q; }, function (s) { return s.indexOf(q) === 0; },
                 function (s) { return s.indexOf(q) >= 0; }];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < all.length; i++) if (tests[t](all[i][0])) return all[i][1];
    }
    return null;
  }
  // A promise of the key found (null when none): the first search of a big graph's page
  // reads the rest of the graph.
  function search(query) {
    var msg = $("kg-search-msg");
    return nameIndex().then(function (all) {
      var key = findNode(all, query);
      msg.textContent = key ? "" : "Nothing called “" + query.trim() + "”";
      if (!key) return null;
      return reveal(key).then(function () {
        if (state.hiddenNodes[key]) resetFilters();
        selectNode(idOf[key], true);
        return key;
      });
    });
  }
  $("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search($("kg-search").value);
  });
  // the names of the entities not drawn are unpacked when the reader turns to the search
  $("kg-search").addEventListener("focus", function () { nameIndex(); });
  $("kg-search").addEventListener("input", function (ev) {
    // picking a datalist suggestion arrives as an input event without a typed key
    if (!ev.inputType || ev.inputType === "insertReplacementText") search(ev.target.value);
  });
  kg.search = search;

  // ---------------------------------------------------------------- narrow screens

  $("kg-menu").addEventListener("click", function () {
    var open = document.body.classList.toggle("kg-side-open");
    $("kg-menu").setAttribute("aria-expanded", open ? "true" : "false");
  });

  // ---------------------------------------------------------------- the drawing

  // A tap lands beside a small node more often than on it; the nearest node within a
  // finger's width (or its label) wins over an edge under the finger.
  function nodeNear(p) {
    var touch = p.event && (p.event.pointerType === "touch" ||
                            (p.event.srcEvent && p.event.srcEvent.pointerType === "touch"));
    var slop = (touch ? TOUCH_SLOP : MOUSE_SLOP) / network.getScale();
    var ids = shownNodeIds(), pos = network.getPositions(ids), best = null, bestD = Infinity;
    var at = p.pointer.canvas;
    ids.forEach(function (id) {
      var n = nodes.get(id), q = pos[id], key = String(id);
      var d = Math.hypot(q.x - at.x, q.y - at.y) - (n.size || 10);
      if (state.nodeLabel[key]) {
        var box = labelBox(key, q, n, 0);
        if (at.x >= box.l && at.x <= box.r && at.y >= box.t && at.y <= box.b) d = Math.min(d, 0);
      }
      if (d <= slop && d < bestD) { best = id; bestD = d; }
    });
    return best;
  }

  // A layout wider than tall is turned a quarter on a portrait screen (a phone): the
  // positions mean nothing by their direction, and the graph then fills the screen.
  (function orient() {
    var r = $("kg-network").getBoundingClientRect(), xs = [], ys = [];
    DATA.nodes.forEach(function (n) { xs.push(n.x); ys.push(n.y); });
    if (!xs.length || r.height <= r.width * 1.2) return;
    var w = Math.max.apply(null, xs) - Math.min.apply(null, xs), h = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    if (w <= h) return;
    nodes.update(DATA.nodes.map(function (n) { return {id: n.id, x: n.y, y: -n.x}; }));
  })();
  applyFilters();
  kg.timings.filtered = performance.now();
  network = kg.network = new vis.Network($("kg-network"), {nodes: nodes, edges: edges}, DATA.options);
  kg.timings.network = performance.now();
  // The first view shows the whole graph, unless its names would be too small to read:
  // then it starts zoomed on the best-connected entity, and Fit shows everything.
  network.fit({nodes: shownNodeIds()});
  if (network.getScale() < MIN_START_SCALE && DATA.nodes.length) {
    var hub = shownNodeIds().sort(function (a, b) { return (nodes.get(b).size || 0) - (nodes.get(a).size || 0); })[0];
    if (hub !== undefined) network.moveTo({position: network.getPositions([hub])[hub], scale: MIN_START_SCALE});
  }
  declutter();
  refreshEdgeLabels();
  kg.timings.built = performance.now();
  network.once("afterDrawing", function () {
    kg.timings.firstDraw = kg.timings.ready = performance.now();
    performance.mark("kg-first-draw");   // where a trace of the page's load ends its count
    kg.ready = true;
    document.body.setAttribute("data-ready", "1");
    setTimeout(fillDatalist, 0);
  });
  network.on("click", function (p) {
    document.body.classList.remove("kg-side-open");
    var id = p.nodes.length ? p.nodes[0] : nodeNear(p);
    if (id !== null && id !== undefined) {
      network.selectNodes([id]);
      showNode(id);
      // facts of it the page left out: draw them, then tell them in the panel
      reveal(String(id)).then(function (n) { if (n && state.selectedNode === String(id)) showNode(id); });
    } else if (p.edges.length) {
      network.selectEdges([p.edges[0]]);
      showBundle(p.edges[0]);
    } else closePanel();
  });
  network.on("zoom", function () { relabel(120); });
  network.on("dragEnd", function (p) { if (p.nodes.length) relabel(0); });
  network.on("hoverEdge", function (p) { state.asked[p.edge] = true; refreshEdgeLabels(); });
  network.on("blurEdge", function (p) { state.asked[p.edge] = false; refreshEdgeLabels(); });
  network.on("hoverNode", function (p) {
    var key = String(p.node);
    state.hovered = key;
    (adj[key] || []).forEach(function (eid) { state.asked[bundleOf[eid]] = true; });
    relabel(0);
  });
  network.on("blurNode", function (p) {
    var key = String(p.node);
    state.hovered = null;
    (adj[key] || []).forEach(function (eid) { state.asked[bundleOf[eid]] = false; });
    relabel(0);
  });
})();
