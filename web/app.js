/* SPDX-License-Identifier: MIT */
/*
 * app.js - the outaged dashboard.  Plain JavaScript, no build step, no
 * external resources.
 *
 *   GET /api/v1/status                    the region list, worst first
 *   GET /api/v1/regions/{id}/history      one sparkline per row (24 h)
 *   GET /api/v1/alerts?state=firing       the active alerts
 *   GET /api/v1/regions/{id}              the detail view (#region=ID)
 *   GET /api/v1/events                    live "status" and "alert" events
 *
 * Every value that comes from the API reaches the page through
 * textContent or setAttribute (see el() below), never through innerHTML,
 * so a region name or source holding markup is shown as text.
 */
(function () {
	'use strict';

	var API = '/api/v1';
	var UTILS = ['power', 'heat', 'water', 'gas', 'telecom'];
	var SEV = { none: 0, minor: 1, major: 2, critical: 3 };
	var SEV_NAMES = ['none', 'minor', 'major', 'critical'];
	var DAY_MS = 86400000;
	var NUM = new Intl.NumberFormat('en-US');

	var state = {
		regions: new Map(),	/* id -> region summary */
		names: new Map(),	/* id -> name, from every answer */
		alerts: new Map(),	/* alert id -> alert */
		history: new Map(),	/* id -> [{t, u, pct}] */
		rows: new Map(),	/* id -> <tr> */
		token: null,
		detailId: null,
		generatedAt: null,
		stream: null,
		needToken: false,
		everOpen: false
	};

	try {
		state.token = window.sessionStorage.getItem('outaged-token');
	} catch (e) { /* storage may be disabled */ }

	/* ---- small helpers ---------------------------------------------- */

	var $ = function (id) { return document.getElementById(id); };

	/* Escape text for HTML.  The page is built with el(), which needs
	 * no escaping; this is for anyone adding markup by string. */
	function esc(s) {
		return String(s).replace(/[&<>"']/g, function (c) {
			return { '&': '&amp;', '<': '&lt;', '>': '&gt;',
			    '"': '&quot;', "'": '&#39;' }[c];
		});
	}
	window.outagedEscape = esc;

	/*
	 * el('td', {class: 'x', 'data-utility': 'power'}, child...): build an
	 * element.  Children are nodes or strings (strings become text
	 * nodes); null and false are skipped; arrays are flattened.
	 */
	function el(tag, attrs) {
		var n = document.createElement(tag);
		setAttrs(n, attrs);
		for (var i = 2; i < arguments.length; i++)
			append(n, arguments[i]);
		return n;
	}

	var SVGNS = 'http://www.w3.org/2000/svg';
	function svg(tag, attrs) {
		var n = document.createElementNS(SVGNS, tag);
		setAttrs(n, attrs);
		for (var i = 2; i < arguments.length; i++)
			append(n, arguments[i]);
		return n;
	}

	function setAttrs(n, attrs) {
		if (!attrs)
			return;
		Object.keys(attrs).forEach(function (k) {
			var v = attrs[k];
			if (v === null || v === undefined || v === false)
				return;
			if (k.slice(0, 2) === 'on' && typeof v === 'function')
				n.addEventListener(k.slice(2), v);
			else
				n.setAttribute(k, v === true ? '' : String(v));
		});
	}

	function append(n, c) {
		if (c === null || c === undefined || c === false)
			return;
		if (Array.isArray(c)) {
			c.forEach(function (x) { append(n, x); });
			return;
		}
		n.appendChild(typeof c === 'object' ? c :
		    document.createTextNode(String(c)));
	}

	function clear(n) {
		while (n.firstChild)
			n.removeChild(n.firstChild);
	}

	function isNum(v) {
		return typeof v === 'number' && isFinite(v);
	}

	function fmtCount(n, approx) {
		return (approx ? '~' : '') + NUM.format(n);
	}

	/*
	 * outagectl's rule (src/ctl/output.c fmt_percent): "0 %" would read
	 * as nobody out, so a share under 0.05, or one the API rounded to 0
	 * of a count above zero, is "<0.1 %".
	 */
	function fmtPct(p, affected) {
		if ((p > 0 && p < 0.05) ||
		    (p === 0 && isNum(affected) && affected > 0))
			return '<0.1\u00a0%';
		return (p < 10 && p > 0 ? p.toFixed(1) :
		    String(Math.round(p * 10) / 10)) + '\u00a0%';
	}

	function parseTime(s) {
		var t = s ? Date.parse(s) : NaN;
		return isNaN(t) ? null : t;
	}

	function fmtAbs(s) {
		var t = parseTime(s);
		if (t === null)
			return '';
		return new Date(t).toISOString().replace('T', ' ')
		    .replace(/\.\d+Z$/, ' UTC').replace(/:\d\d UTC$/, ' UTC');
	}

	function fmtAgo(s) {
		var t = parseTime(s);
		if (t === null)
			return '';
		var d = Math.max(0, Date.now() - t) / 1000;
		if (d < 60)
			return 'just now';
		if (d < 3600)
			return Math.floor(d / 60) + ' min ago';
		if (d < 2 * DAY_MS / 1000)
			return Math.floor(d / 3600) + ' h ago';
		return Math.floor(d / 86400) + ' d ago';
	}

	function timeEl(s, cls) {
		if (!s)
			return el('span', { class: 'muted' }, '—');
		return el('time', { datetime: s, title: fmtAbs(s),
		    class: cls || null }, fmtAgo(s));
	}

	function regionName(id) {
		return state.names.get(id) || id;
	}

	function regionHref(id) {
		return '#region=' + encodeURIComponent(id);
	}

	function sevBadge(sev) {
		sev = SEV[sev] !== undefined ? sev : 'none';
		return el('span', { class: 'badge sev-' + sev }, sev);
	}

	/* ---- the API ------------------------------------------------------ */

	function AuthError(msg) {
		this.message = msg;
	}

	function headers() {
		var h = { Accept: 'application/json' };
		if (state.token)
			h.Authorization = 'Bearer ' + state.token;
		return h;
	}

	function getJSON(path) {
		return fetch(API + path, { headers: headers(), cache: 'no-store' })
		    .then(function (res) {
			return res.text().then(function (body) {
				var j = null;
				try {
					j = body ? JSON.parse(body) : null;
				} catch (e) { /* not JSON */ }
				if (res.status === 401)
					throw new AuthError(j && j.detail ||
					    'a token is needed');
				if (!res.ok) {
					var err = new Error(j && j.detail ||
					    'HTTP ' + res.status);
					err.status = res.status;
					throw err;
				}
				return j;
			});
		});
	}

	/* ---- figures ------------------------------------------------------ */

	function unknownFig() {
		return { status: 'unknown', coverage: 'unknown', affected: null,
		    percent: null, severity: 'none', approximate: false,
		    since: null };
	}

	function fig(region, u) {
		var f = region.utilities && region.utilities[u];
		return f || unknownFig();
	}

	function isOut(f) {
		return f.status === 'outage' || f.status === 'partial';
	}

	/* The ranking GET /api/v1/status uses (src/api.c, cmp_rank). */
	function rankOf(r) {
		var k = { sev: 0, out: 0, pct: -1, aff: -1 };
		UTILS.forEach(function (u) {
			var f = fig(r, u);
			k.sev = Math.max(k.sev, SEV[f.severity] || 0);
			if (isOut(f))
				k.out = 1;
			if (isNum(f.percent) && f.percent > k.pct)
				k.pct = f.percent;
			if (isNum(f.affected) && f.affected > k.aff)
				k.aff = f.affected;
		});
		if (r.severity && SEV[r.severity] > k.sev)
			k.sev = SEV[r.severity];
		return k;
	}

	function compareRegions(a, b) {
		var x = rankOf(a), y = rankOf(b);
		if (x.sev !== y.sev)
			return y.sev - x.sev;
		if (x.out !== y.out)
			return y.out - x.out;
		if (x.pct !== y.pct)
			return y.pct - x.pct;
		if (x.aff !== y.aff)
			return y.aff - x.aff;
		return a.region < b.region ? -1 : a.region > b.region ? 1 : 0;
	}

	/* Listed by /status: some utility is out, or went stale (unknown
	 * after having data). */
	function listable(r) {
		return UTILS.some(function (u) {
			var f = fig(r, u);
			return isOut(f) || (f.status === 'unknown' && f.since);
		});
	}

	/* The worst utility: the one with the highest percent, else count. */
	function worstOf(r) {
		var best = null;
		UTILS.forEach(function (u) {
			var f = fig(r, u);
			if (!isOut(f))
				return;
			var key = [SEV[f.severity] || 0,
			    isNum(f.percent) ? f.percent : -1,
			    isNum(f.affected) ? f.affected : -1];
			if (!best || key[1] > best.key[1] ||
			    (key[1] === best.key[1] && (key[0] > best.key[0] ||
			    (key[0] === best.key[0] && key[2] > best.key[2]))))
				best = { u: u, f: f, key: key };
		});
		return best;
	}

	/* ---- region rows -------------------------------------------------- */

	function utilityCell(u, f, opts) {
		var known = f.coverage !== 'unknown' && f.status !== 'unknown';
		var attrs = {
			class: 'u st-' + (known ? f.status : 'unknown') +
			    (known && isOut(f) ? ' sev-' + f.severity : ''),
			'data-utility': u,
			'data-label': u,
			'data-status': known ? f.status : 'unknown',
			'data-coverage': known ? 'reported' : 'unknown',
			'data-severity': known ? f.severity : 'unknown',
			'data-affected': known && isNum(f.affected) ?
			    String(f.affected) : '',
			'data-percent': known && isNum(f.percent) ?
			    String(f.percent) : '',
			'data-approximate': known && f.approximate ? 'true' :
			    'false'
		};
		var parts = [], label = u + ': ';

		if (!known) {
			parts.push(el('span', { class: 'unk' }, 'unknown'));
			label += 'unknown, no fresh report';
			if (f.since)
				label += ' (stale)';
		} else if (isNum(f.affected) && (isOut(f) || f.affected > 0)) {
			var unit = f.unit || 'households';
			parts.push(el('span', { class: 'n' },
			    fmtCount(f.affected, f.approximate)));
			label += (f.approximate ? 'about ' : '') +
			    NUM.format(f.affected) + ' ' + unit;
			if (isNum(f.percent)) {
				parts.push(el('span', { class: 'p' },
				    fmtPct(f.percent, f.affected)));
				label += ', ' + f.percent + ' percent';
			}
			if (f.status !== 'outage') {
				parts.push(el('span', { class: 'tag' },
				    f.status));
				label += ', ' + f.status;
			}
			label += ', ' + f.severity;
		} else if (isOut(f)) {
			parts.push(el('span', { class: 'n' }, f.status));
			parts.push(el('span', { class: 'p muted' },
			    'no count'));
			label += f.status + ' without a count, ' + f.severity;
		} else {
			parts.push(el('span', { class: 'n ok' },
			    f.status === 'restored' ? 'restored' : 'ok'));
			label += f.status;
		}
		attrs['aria-label'] = label;
		if (opts && opts.title)
			attrs.title = opts.title;
		return el('td', attrs, parts);
	}

	function bar(pct, sev, label) {
		var w = isNum(pct) ? Math.max(0, Math.min(100, pct)) : 0;
		return el('div', { class: 'bar', role: 'img',
		    'aria-label': label },
		    el('div', { class: 'fill sev-' + sev,
		    style: 'width:' + w.toFixed(2) + '%' }));
	}

	function worstCell(r) {
		var w = worstOf(r);
		if (!w)
			return el('td', { class: 'worst', 'data-label': 'worst' },
			    el('span', { class: 'muted' }, '—'));
		var f = w.f, text, label;
		if (isNum(f.percent)) {
			text = fmtPct(f.percent, f.affected);
			label = w.u + ' ' + f.percent + ' percent';
		} else if (isNum(f.affected)) {
			text = fmtCount(f.affected, f.approximate);
			label = w.u + ' ' + NUM.format(f.affected) +
			    ' affected, no denominator';
		} else {
			text = 'no count';
			label = w.u + ' ' + f.status + ' without a count';
		}
		return el('td', { class: 'worst', 'data-label': 'worst',
		    'data-percent': isNum(f.percent) ? String(f.percent) : '' },
		    el('div', { class: 'worst-top' },
		    el('span', { class: 'worst-pct' }, text),
		    el('span', { class: 'worst-u' }, w.u)),
		    /* no percent, no bar: an empty bar would read as 0 */
		    isNum(f.percent) ? bar(f.percent, f.severity, 'Worst: ' +
		    label) : null);
	}

	function regionSeverity(r) {
		return SEV_NAMES[rankOf(r).sev];
	}

	function fillRow(tr, r) {
		var sev = regionSeverity(r);
		var parent = r.parent ? regionName(r.parent) : null;

		clear(tr);
		tr.className = 'row sev-' + sev;
		tr.setAttribute('data-region', r.region);
		tr.setAttribute('data-severity', sev);
		tr.setAttribute('tabindex', '0');
		var w = worstOf(r);
		tr.setAttribute('aria-label', r.name + ' (' + r.region + '), ' +
		    sev + (w ? ', worst ' + w.u + ' ' + (isNum(w.f.percent) ?
		    w.f.percent + ' percent' : isNum(w.f.affected) ?
		    NUM.format(w.f.affected) + ' affected' : w.f.status) : '') +
		    '. Press Enter for details.');
		append(tr, [
			el('th', { scope: 'row', class: 'name' },
			    el('a', { href: regionHref(r.region), tabindex: '-1',
			    class: 'rname' }, r.name),
			    el('span', { class: 'rid' }, r.region),
			    parent ? el('span', { class: 'rparent' },
			    'in ' + parent) : null),
			el('td', { class: 'sev', 'data-label': 'severity' },
			    sevBadge(sev)),
			worstCell(r),
			UTILS.map(function (u) { return utilityCell(u, fig(r, u)); }),
			el('td', { class: 'spark', 'data-label': 'last 24 h' },
			    sparkline(r.region, { w: 120, h: 30 }))
		]);
	}

	function rowFor(id) {
		var tr = state.rows.get(id);
		if (!tr) {
			tr = el('tr');
			state.rows.set(id, tr);
		}
		return tr;
	}

	function openFromRow(ev) {
		var tr = ev.currentTarget;
		if (ev.target.closest && ev.target.closest('a') &&
		    ev.type === 'click')
			return;		/* the link does it */
		location.hash = regionHref(tr.getAttribute('data-region'));
	}

	function onRowKey(ev) {
		var tr = ev.currentTarget, next;
		if (ev.key === 'Enter' || ev.key === ' ') {
			ev.preventDefault();
			openFromRow(ev);
		} else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
			next = ev.key === 'ArrowDown' ? tr.nextElementSibling :
			    tr.previousElementSibling;
			if (next) {
				ev.preventDefault();
				next.focus();
			}
		}
	}

	/* Put the rows in rank order, moving only those out of place, and
	 * keep the keyboard focus where it was. */
	function renderRegions() {
		var body = $('region-rows');
		var list = Array.from(state.regions.values());
		var focused = document.activeElement &&
		    document.activeElement.getAttribute &&
		    document.activeElement.getAttribute('data-region');
		var i;

		list.sort(compareRegions);
		state.rows.forEach(function (tr, id) {
			if (!state.regions.has(id)) {
				tr.remove();
				state.rows.delete(id);
			}
		});
		for (i = 0; i < list.length; i++) {
			var tr = state.rows.get(list[i].region);
			if (!tr) {
				tr = rowFor(list[i].region);
				tr.addEventListener('click', openFromRow);
				tr.addEventListener('keydown', onRowKey);
				fillRow(tr, list[i]);
			}
			if (body.children[i] !== tr)
				body.insertBefore(tr, body.children[i] || null);
		}
		if (focused && state.rows.has(focused) &&
		    document.activeElement !== state.rows.get(focused) &&
		    (document.activeElement === document.body ||
		    !document.activeElement))
			state.rows.get(focused).focus();
		$('regions-loading').hidden = true;
		$('regions-empty').hidden = list.length > 0;
		$('regions').hidden = list.length === 0;
		$('regions-count').textContent = list.length ?
		    '(' + list.length + ')' : '';
	}

	function flash(tr) {
		tr.classList.remove('flash');
		void tr.offsetWidth;	/* restart the animation */
		tr.classList.add('flash');
	}

	/* ---- sparklines --------------------------------------------------- */

	/*
	 * The worst utility's percent over the last 24 h, as a step line.
	 * History holds changes; each utility keeps its last value until the
	 * next change.  Before a utility's first change in the window its
	 * value is not known: taken as 0 when the window holds changes, and
	 * as the current figure when it holds none.
	 */
	function series(id, now) {
		var pts = state.history.get(id) || [];
		var start = now - DAY_MS, cur = {}, out = [];
		var r = state.regions.get(id);

		if (pts.length === 0) {
			var v = 0;
			if (r) {
				var w = worstOf(r);
				v = w && isNum(w.f.percent) ? w.f.percent : 0;
			}
			return [[start, v], [now, v]];
		}
		out.push([start, 0]);
		pts.forEach(function (p) {
			if (p.t < start)
				p = { t: start, u: p.u, pct: p.pct };
			cur[p.u] = p.pct;
			var m = 0;
			Object.keys(cur).forEach(function (u) {
				m = Math.max(m, cur[u]);
			});
			if (out.length && out[out.length - 1][0] === p.t)
				out[out.length - 1][1] = m;
			else
				out.push([p.t, m]);
		});
		out.push([now, out[out.length - 1][1]]);
		return out;
	}

	function sparkline(id, size) {
		var now = Date.now(), s = series(id, now);
		var w = size.w, h = size.h, pad = 2;
		var peak = 0, last = s[s.length - 1][1];
		s.forEach(function (p) { peak = Math.max(peak, p[1]); });
		var top = Math.max(peak, 1) * 1.08;
		var x = function (t) {
			return pad + (t - (now - DAY_MS)) / DAY_MS * (w - 2 * pad);
		};
		var y = function (v) {
			return h - pad - v / top * (h - 2 * pad);
		};
		var d = 'M' + x(s[0][0]).toFixed(1) + ' ' + y(s[0][1]).toFixed(1);
		for (var i = 1; i < s.length; i++)
			d += 'H' + x(s[i][0]).toFixed(1) + 'V' +
			    y(s[i][1]).toFixed(1);
		var area = d + 'V' + (h - pad) + 'H' + x(s[0][0]).toFixed(1) +
		    'Z';
		var r = state.regions.get(id);
		var sev = r ? regionSeverity(r) : 'none';
		var label = 'Worst utility over the last 24 hours: now ' +
		    (Math.round(last * 10) / 10) + ' percent, peak ' +
		    (Math.round(peak * 10) / 10) + ' percent';
		return svg('svg', { class: 'sparkline sev-' + sev,
		    viewBox: '0 0 ' + w + ' ' + h, width: w, height: h,
		    role: 'img', 'aria-label': label,
		    preserveAspectRatio: 'none' },
		    svg('title', null, label),
		    svg('line', { class: 'base', x1: pad, x2: w - pad,
		    y1: h - pad, y2: h - pad }),
		    svg('path', { class: 'area', d: area }),
		    svg('path', { class: 'line', d: d }),
		    svg('circle', { class: 'now', cx: x(now).toFixed(1),
		    cy: y(last).toFixed(1), r: 2 }));
	}

	function redrawSpark(id) {
		var tr = state.rows.get(id);
		var td = tr && tr.querySelector('td.spark');
		if (td) {
			clear(td);
			td.appendChild(sparkline(id, { w: 120, h: 30 }));
		}
	}

	function historyPoints(j) {
		return (j && j.points || []).map(function (p) {
			return { t: parseTime(p.at), u: p.utility,
			    pct: isNum(p.percent) ? p.percent : 0 };
		}).filter(function (p) { return p.t !== null; })
		    .sort(function (a, b) { return a.t - b.t; });
	}

	function loadHistory(ids) {
		var queue = ids.slice(), running = 0;
		return new Promise(function (resolve) {
			function next() {
				if (queue.length === 0 && running === 0)
					return resolve();
				while (running < 4 && queue.length) {
					var id = queue.shift();
					running++;
					getJSON('/regions/' + encodeURIComponent(id) +
					    '/history?since=24h').then(function (id, j) {
						state.history.set(id, historyPoints(j));
						redrawSpark(id);
					}.bind(null, id)).catch(function () {})
					    .then(function () {
						running--;
						next();
					});
				}
			}
			next();
		});
	}

	/* A live status event adds its figures to the history. */
	function recordHistory(r) {
		var t = parseTime(r.generated_at) || Date.now();
		var pts = state.history.get(r.region);
		if (!pts)
			return;
		UTILS.forEach(function (u) {
			var f = fig(r, u), prev = null;
			for (var i = pts.length - 1; i >= 0; i--)
				if (pts[i].u === u) {
					prev = pts[i].pct;
					break;
				}
			var v = isNum(f.percent) ? f.percent : 0;
			if (prev === null ? v !== 0 : prev !== v)
				pts.push({ t: t, u: u, pct: v });
		});
	}

	/* ---- alerts ------------------------------------------------------- */

	function alertItem(a) {
		var name = a.region_name || regionName(a.region);
		var what = [], approx = a.approximate;
		if (approx === undefined) {
			/* a listed alert does not say; the region's figure does */
			var r = state.regions.get(a.region);
			approx = r ? fig(r, a.utility).approximate : false;
		}
		if (isNum(a.affected))
			what.push(fmtCount(a.affected, approx) + ' ' +
			    (a.unit || 'households'));
		if (isNum(a.percent))
			what.push(fmtPct(a.percent, a.affected));
		return el('li', { class: 'alert sev-' + a.severity,
		    'data-alert': a.id, 'data-alert-region': a.region,
		    'data-alert-utility': a.utility,
		    'data-alert-severity': a.severity },
		    sevBadge(a.severity),
		    el('span', { class: 'alert-main' },
		    el('a', { href: regionHref(a.region),
		    'aria-label': name + ' (' + a.region + '), ' + a.utility +
		    ', ' + a.severity + ' alert' }, name),
		    ' ', el('span', { class: 'rid' }, a.region),
		    ' ', el('span', { class: 'alert-u' }, a.utility),
		    what.length ? el('span', { class: 'alert-fig' },
		    what.join(' · ')) : null),
		    el('span', { class: 'alert-when' }, 'since ',
		    timeEl(a.started_at)));
	}

	function sortedAlerts(list) {
		return list.slice().sort(function (a, b) {
			var d = (SEV[b.severity] || 0) - (SEV[a.severity] || 0);
			if (d)
				return d;
			return (parseTime(b.started_at) || 0) -
			    (parseTime(a.started_at) || 0);
		});
	}

	function renderAlerts() {
		var ul = $('alerts');
		var list = sortedAlerts(Array.from(state.alerts.values()));
		clear(ul);
		list.forEach(function (a) { ul.appendChild(alertItem(a)); });
		$('alerts-empty').hidden = list.length > 0;
		$('alerts-count').textContent = list.length ?
		    '(' + list.length + ')' : '';
	}

	/* ---- the detail view ---------------------------------------------- */

	function dl(pairs) {
		return el('dl', { class: 'facts' }, pairs.filter(Boolean)
		    .map(function (p) {
			return el('div', null, el('dt', null, p[0]),
			    el('dd', null, p[1]));
		}));
	}

	function countText(v, approx) {
		return isNum(v) ? fmtCount(v, approx) : '—';
	}

	function detailUtilities(d) {
		return el('table', { class: 'dtable figs' },
		    el('caption', null, 'Figures per utility'),
		    el('thead', null, el('tr', null,
		    ['Utility', 'Status', 'Affected', 'Percent', 'Severity',
		    'Since', 'Updated', 'Peak', 'Sources', 'Own claim',
		    'Sub-regions'].map(function (h) {
			return el('th', { scope: 'col' }, h);
		}))),
		    el('tbody', null, UTILS.map(function (u) {
			var f = fig(d, u);
			var known = f.coverage !== 'unknown';
			var ch = f.children || {};
			return el('tr', { 'data-utility': u,
			    class: known ? 'sev-' + f.severity : 'unknown' },
			    el('th', { scope: 'row' }, u),
			    el('td', { 'data-label': 'status' }, known ?
			    f.status : el('span', { class: 'unk' }, 'unknown')),
			    el('td', { 'data-label': 'affected',
			    'data-affected': known && isNum(f.affected) ?
			    String(f.affected) : '' }, known ?
			    (!isNum(f.affected) && isOut(f) ? 'no count' :
			    countText(f.affected, f.approximate)) +
			    (isNum(f.affected) && f.unit ? ' ' + f.unit : '') :
			    el('span', { class: 'unk' }, 'unknown')),
			    el('td', { 'data-label': 'percent',
			    'data-percent': isNum(f.percent) ?
			    String(f.percent) : '' }, isNum(f.percent) ?
			    fmtPct(f.percent, f.affected) : '—'),
			    el('td', { 'data-label': 'severity' }, known ?
			    sevBadge(f.severity) : '—'),
			    el('td', { 'data-label': 'since' }, timeEl(f.since)),
			    el('td', { 'data-label': 'updated' },
			    timeEl(f.last_update)),
			    el('td', { 'data-label': 'peak' },
			    countText(f.peak, false)),
			    el('td', { 'data-label': 'sources' },
			    String(f.sources || 0)),
			    el('td', { 'data-label': 'own claim' },
			    countText(f.direct, false)),
			    el('td', { 'data-label': 'sub-regions' },
			    ch.reporting ? (isNum(ch.affected) ?
			    countText(ch.affected, false) + ' (' : 'no count (') +
			    ch.reporting + ' reporting)' : '—'));
		})));
	}

	function detailClaims(d) {
		var rows = [];
		UTILS.forEach(function (u) {
			(fig(d, u).claims || []).forEach(function (c) {
				rows.push(el('tr', { 'data-claim-source': c.source,
				    'data-utility': u },
				    el('th', { scope: 'row' }, c.source),
				    el('td', { 'data-label': 'utility' }, u),
				    el('td', { 'data-label': 'status' }, c.status),
				    el('td', { 'data-label': 'affected' },
				    countText(c.affected, c.approximate) +
				    (isNum(c.affected) && c.unit ? ' ' + c.unit :
				    '')),
				    el('td', { 'data-label': 'priority' },
				    String(c.priority)),
				    el('td', { 'data-label': 'observed' },
				    timeEl(c.observed_at))));
			});
		});
		if (rows.length === 0)
			return el('p', { class: 'empty' }, 'No source has a ' +
			    'fresh claim for this region itself' +
			    ' (its figures, if any, come from sub-regions).');
		return el('table', { class: 'dtable claims' },
		    el('caption', null, 'Each source\'s latest claim'),
		    el('thead', null, el('tr', null,
		    ['Source', 'Utility', 'Status', 'Affected', 'Priority',
		    'Observed'].map(function (h) {
			return el('th', { scope: 'col' }, h);
		}))), el('tbody', null, rows));
	}

	function detailChildren(d) {
		var kids = d.children || [];
		if (kids.length === 0)
			return el('p', { class: 'empty' }, 'No sub-regions.');
		var withData = kids.filter(function (c) {
			return Object.keys(c.utilities || {}).length > 0;
		}).sort(compareRegions);
		var quiet = kids.filter(function (c) {
			return Object.keys(c.utilities || {}).length === 0;
		});
		var out = [];
		if (withData.length)
			out.push(el('table', { class: 'regions mini' },
			    el('caption', null, 'Sub-regions with reports'),
			    el('thead', null, el('tr', null,
			    el('th', { scope: 'col' }, 'Region'),
			    el('th', { scope: 'col' }, 'Severity'),
			    UTILS.map(function (u) {
				return el('th', { scope: 'col',
				    class: 'c-u' }, u.charAt(0).toUpperCase() +
				    u.slice(1));
			}))),
			    el('tbody', null, withData.map(function (c) {
				return el('tr', { 'data-child': c.region,
				    class: 'sev-' + c.severity },
				    el('th', { scope: 'row', class: 'name' },
				    el('a', { href: regionHref(c.region) },
				    c.name), el('span', { class: 'rid' },
				    c.region)),
				    el('td', { 'data-label': 'severity' },
				    sevBadge(c.severity)),
				    UTILS.map(function (u) {
					return utilityCell(u, fig(c, u));
				}));
			}))));
		if (quiet.length)
			out.push(el('details', { class: 'quiet' },
			    el('summary', null, quiet.length + ' sub-region' +
			    (quiet.length === 1 ? '' : 's') +
			    ' with no fresh report'),
			    el('ul', { class: 'quiet-list' },
			    quiet.map(function (c) {
				return el('li', null, el('a',
				    { href: regionHref(c.region) }, c.name),
				    ' ', el('span', { class: 'rid' }, c.region));
			}))));
		return out;
	}

	function detailAlerts(d) {
		var list = sortedAlerts(d.alerts || []);
		if (list.length === 0)
			return el('p', { class: 'empty' }, 'No alert is firing ' +
			    'for this region.');
		return el('ul', { class: 'alerts' }, list.map(function (a) {
			a = Object.assign({ region_name: d.name }, a);
			return alertItem(a);
		}));
	}

	function renderDetail(d) {
		var sec = $('detail');
		var sev = regionSeverity(d);
		var den = d.denominator;

		state.names.set(d.region, d.name);
		(d.children || []).forEach(function (c) {
			state.names.set(c.region, c.name);
		});
		clear(sec);
		sec.setAttribute('data-detail', d.region);
		append(sec, [
			el('p', { class: 'back' }, el('a', { href: '#',
			    class: 'backlink' }, '← All regions')),
			el('div', { class: 'dhead sev-' + sev },
			    el('h2', { id: 'detail-h', tabindex: '-1' }, d.name,
			    ' ', el('span', { class: 'rid' }, d.region)),
			    sevBadge(sev)),
			dl([
				d.parent ? ['Part of', el('a',
				    { href: regionHref(d.parent) },
				    regionName(d.parent))] : null,
				['Denominator', den ? NUM.format(den.count) + ' ' +
				    den.unit : 'none (counts only, no percent)'],
				['As of', timeEl(d.generated_at)]
			]),
			el('div', { class: 'dspark' },
			    el('h3', null, 'Worst utility, last 24 h'),
			    sparkline(d.region, { w: 600, h: 80 }),
			    el('div', { class: 'axis', 'aria-hidden': 'true' },
			    el('span', null, '24 h ago'), el('span', null, '12 h'),
			    el('span', null, 'now'))),
			el('h3', null, 'Utilities'),
			el('div', { class: 'scroll' }, detailUtilities(d)),
			el('h3', null, 'Alerts'),
			detailAlerts(d),
			el('h3', null, 'Sources'),
			el('div', { class: 'scroll' }, detailClaims(d)),
			el('h3', null, 'Sub-regions'),
			detailChildren(d)
		]);
	}

	function showDetail(id, focus) {
		state.detailId = id;
		$('overview').hidden = true;
		$('detail').hidden = false;
		document.title = regionName(id) + ' · outaged';
		var p = getJSON('/regions/' + encodeURIComponent(id));
		var h = state.history.has(id) ? Promise.resolve() :
		    getJSON('/regions/' + encodeURIComponent(id) +
		    '/history?since=24h').then(function (j) {
			state.history.set(id, historyPoints(j));
		}).catch(function () {});
		return Promise.all([p, h]).then(function (res) {
			if (state.detailId !== id)
				return;
			/* a live refresh keeps the focus on the same link */
			var act = document.activeElement, sel = null;
			if (act && act !== document.body &&
			    $('detail').contains(act))
				sel = act.id ? '#' + act.id :
				    act.getAttribute('href') !== null ?
				    'a[href="' + CSS.escape(act.getAttribute('href')) +
				    '"]' : null;
			renderDetail(res[0]);
			document.title = res[0].name + ' · outaged';
			if (focus)
				$('detail-h').focus();
			else if (sel && $('detail').querySelector(sel))
				$('detail').querySelector(sel).focus();
		}).catch(function (e) {
			if (state.detailId !== id)
				return;
			if (e instanceof AuthError)
				return askToken(e.message);
			var sec = $('detail');
			clear(sec);
			append(sec, [
				el('p', { class: 'back' }, el('a', { href: '#',
				    class: 'backlink' }, '← All regions')),
				el('h2', { id: 'detail-h', tabindex: '-1' },
				    'Region ', el('code', null, id)),
				el('p', { class: 'error' }, e.message)
			]);
			if (focus)
				$('detail-h').focus();
		});
	}

	var detailTimer = null;
	function refreshDetailSoon() {
		if (detailTimer)
			return;
		detailTimer = setTimeout(function () {
			detailTimer = null;
			if (state.detailId)
				showDetail(state.detailId, false);
		}, 300);
	}

	function showOverview() {
		var prev = state.detailId;
		state.detailId = null;
		$('detail').hidden = true;
		$('overview').hidden = false;
		document.title = 'outaged · infrastructure outages';
		if (prev && state.rows.has(prev))
			state.rows.get(prev).focus();
	}

	function route(focus) {
		var m = /^#region=(.+)$/.exec(location.hash);
		var id = null;
		if (m) {
			try {
				id = decodeURIComponent(m[1]);
			} catch (e) {
				id = m[1];
			}
		}
		if (id)
			showDetail(id, focus);
		else if (state.detailId !== null || $('overview').hidden)
			showOverview();
	}

	/* ---- loading ------------------------------------------------------ */

	function setNotice(nodes) {
		var n = $('notice');
		clear(n);
		if (!nodes) {
			n.hidden = true;
			return;
		}
		append(n, nodes);
		n.hidden = false;
	}

	function askToken(msg) {
		var input = el('input', { type: 'password', id: 'token',
		    autocomplete: 'off', required: true });
		state.needToken = true;
		if (state.stream) {
			state.stream.close();
			state.stream = null;
		}
		$('regions-loading').textContent = 'Waiting for a token.';
		setNotice([
			el('p', null, 'This server needs an API token to read ' +
			    'its data. The server said: ', msg),
			el('form', { class: 'tokenform', onsubmit: function (ev) {
				ev.preventDefault();
				state.token = input.value.trim();
				state.needToken = false;
				$('regions-loading').textContent = 'Loading…';
				try {
					sessionStorage.setItem('outaged-token',
					    state.token);
				} catch (e) { /* ignore */ }
				setNotice(null);
				loadAll();
				startEvents();
				route(false);
			} }, el('label', { for: 'token' }, 'API token'), input,
			    el('button', { type: 'submit' }, 'Use token'))
		]);
		setLive('offline');
	}

	function applyStatus(j) {
		var fresh = new Map();
		(j.regions || []).forEach(function (r) {
			r.listed = true;
			fresh.set(r.region, r);
			state.names.set(r.region, r.name);
		});
		state.regions = fresh;
		/* rows are rebuilt: the figures may all have changed */
		state.rows.forEach(function (tr, id) {
			var r = fresh.get(id);
			if (r)
				fillRow(tr, r);
		});
		state.generatedAt = j.generated_at;
		renderRegions();
		showUpdated();
	}

	function applyAlerts(j) {
		state.alerts = new Map();
		(j.alerts || []).forEach(function (a) {
			if (a.state === 'firing')
				state.alerts.set(a.id, a);
		});
		renderAlerts();
	}

	function showUpdated() {
		var t = state.generatedAt;
		$('updated').textContent = t ? 'Updated ' + fmtAbs(t) : '';
	}

	var loading = null;
	function loadAll() {
		if (loading)
			return loading;
		loading = Promise.all([getJSON('/status'),
		    getJSON('/alerts?state=firing')]).then(function (res) {
			setNotice(null);
			applyStatus(res[0]);
			applyAlerts(res[1]);
			return loadHistory(Array.from(state.regions.keys()));
		}).then(function () {
			/* a hook for tests: the first full picture is drawn */
			$('main').setAttribute('data-loaded', 'true');
		}).catch(function (e) {
			if (e instanceof AuthError)
				return askToken(e.message);
			setNotice([el('p', null, 'Could not load the status: ',
			    e.message, '. '), el('button', { type: 'button',
			    onclick: function () { loadAll(); } }, 'Retry')]);
		}).then(function () {
			loading = null;
		});
		return loading;
	}

	/* ---- live events -------------------------------------------------- */

	function setLive(s) {
		var n = $('live');
		var text = { connecting: 'connecting', live: 'live',
		    reconnecting: 'reconnecting', offline: 'offline' }[s];
		n.setAttribute('data-state', s);
		n.setAttribute('aria-label', 'Live updates: ' + text);
		n.querySelector('.live-text').textContent = text;
	}

	function onStatus(r) {
		if (!r || !r.region)
			return;
		state.names.set(r.region, r.name);
		state.generatedAt = r.generated_at || state.generatedAt;
		showUpdated();
		recordHistory(r);
		if (listable(r)) {
			var isNew = !state.regions.has(r.region);
			state.regions.set(r.region, r);
			var tr = rowFor(r.region);
			if (isNew) {
				tr.addEventListener('click', openFromRow);
				tr.addEventListener('keydown', onRowKey);
			}
			fillRow(tr, r);
			renderRegions();
			flash(tr);
			if (isNew && !state.history.has(r.region))
				loadHistory([r.region]);
		} else if (state.regions.has(r.region)) {
			state.regions.delete(r.region);
			renderRegions();
		}
		if (state.detailId && (r.region === state.detailId ||
		    r.parent === state.detailId))
			refreshDetailSoon();
	}

	function onAlert(a) {
		if (!a || !a.region)
			return;
		if (a.region_name)
			state.names.set(a.region, a.region_name);
		if (a.event === 'resolved') {
			state.alerts.delete(a.alert_id);
		} else {
			state.alerts.set(a.alert_id, {
				id: a.alert_id, incident_key: a.incident_key,
				region: a.region, region_name: a.region_name,
				utility: a.utility, state: 'firing',
				severity: a.severity, started_at: a.started_at,
				updated_at: a.at, affected: a.affected,
				unit: a.unit, percent: a.percent,
				approximate: a.approximate
			});
		}
		renderAlerts();
		if (state.detailId === a.region)
			refreshDetailSoon();
	}

	function dispatch(type, data) {
		var j;
		try {
			j = JSON.parse(data);
		} catch (e) {
			return;
		}
		if (type === 'status')
			onStatus(j);
		else if (type === 'alert')
			onAlert(j);
	}

	/* After a gap the events in between are lost: load everything. */
	function opened() {
		setLive('live');
		if (state.everOpen) {
			loadAll();
			if (state.detailId)
				refreshDetailSoon();
		}
		state.everOpen = true;
	}

	function startEvents() {
		if (state.stream) {
			state.stream.close();
			state.stream = null;
		}
		if (state.token)
			return startFetchEvents();
		if (!window.EventSource) {
			setLive('offline');
			setInterval(loadAll, 30000);
			return;
		}
		var es = new EventSource(API + '/events');
		state.stream = es;
		setLive('connecting');
		es.addEventListener('open', opened);
		es.addEventListener('status', function (ev) {
			dispatch('status', ev.data);
		});
		es.addEventListener('alert', function (ev) {
			dispatch('alert', ev.data);
		});
		es.addEventListener('error', function () {
			if (state.stream !== es)
				return;
			if (es.readyState === EventSource.CLOSED) {
				/* the browser gave up (an HTTP error): retry */
				setLive('reconnecting');
				setTimeout(function () {
					if (state.stream === es)
						startEvents();
				}, 5000);
			} else {
				setLive('reconnecting');
			}
		});
	}

	/* EventSource cannot send a token; read the stream with fetch. */
	function startFetchEvents() {
		var ctl = new AbortController();
		var me = { close: function () { ctl.abort(); } };
		state.stream = me;
		setLive('connecting');
		fetch(API + '/events', { headers: headers(), signal: ctl.signal,
		    cache: 'no-store' }).then(function (res) {
			if (res.status === 401)
				throw new AuthError('the token was refused');
			if (!res.ok || !res.body)
				throw new Error('HTTP ' + res.status);
			opened();
			var reader = res.body.getReader();
			var dec = new TextDecoder(), buf = '';
			function pump() {
				return reader.read().then(function (r) {
					if (r.done)
						throw new Error('stream ended');
					buf += dec.decode(r.value, { stream: true })
					    .replace(/\r\n?/g, '\n');
					var i;
					while ((i = buf.indexOf('\n\n')) >= 0) {
						var block = buf.slice(0, i);
						buf = buf.slice(i + 2);
						var type = 'message', data = [];
						block.split('\n').forEach(function (l) {
							if (l.indexOf('event:') === 0)
								type = l.slice(6).trim();
							else if (l.indexOf('data:') === 0)
								data.push(l.slice(5)
								    .replace(/^ /, ''));
						});
						if (data.length)
							dispatch(type, data.join('\n'));
					}
					return pump();
				});
			}
			return pump();
		}).catch(function (e) {
			if (state.stream !== me)
				return;
			if (e instanceof AuthError)
				return askToken(e.message);
			setLive('reconnecting');
			setTimeout(function () {
				if (state.stream === me)
					startEvents();
			}, 3000);
		});
	}

	/* ---- start -------------------------------------------------------- */

	function tick() {
		/* the 24 h window moves; relative times age */
		state.rows.forEach(function (tr, id) { redrawSpark(id); });
		document.querySelectorAll('time[datetime]').forEach(function (t) {
			t.textContent = fmtAgo(t.getAttribute('datetime'));
		});
	}

	document.addEventListener('keydown', function (ev) {
		if (ev.key === 'Escape' && state.detailId) {
			ev.preventDefault();
			location.hash = '';
		}
	});
	window.addEventListener('hashchange', function () { route(true); });
	$('home').addEventListener('click', function (ev) {
		ev.preventDefault();
		location.hash = '';
	});

	loadAll();
	startEvents();
	route(false);
	setInterval(tick, 60000);
}());
