/* SPDX-License-Identifier: MIT */
/*
 * app.js - the outaged dashboard.  Plain JavaScript, no build step, no
 * external resources.
 *
 *   GET /api/v1/status?lang=              the region list, worst first
 *   GET /api/v1/regions?lang=             the packs' regions: names in
 *                                         every language, map tiles
 *   GET /api/v1/regions/{id}/history      sparklines (24 h) and the
 *                                         detail view's chart
 *   GET /api/v1/alerts?state=firing       the active alerts
 *   GET /api/v1/alerts?state=resolved     past alerts (#alerts=past)
 *   GET /api/v1/regions/{id}              the detail view (#region=ID)
 *   GET /api/v1/devices                   sensing devices per region
 *   GET /api/v1/events                    live "status" and "alert" events
 *   GET /static/lang-XX.json              the texts of language XX
 *   GET /js/chart.js                      Debian's libjs-chart.js
 *
 * Every value that comes from the API reaches the page through
 * textContent or setAttribute (see el() below), never through innerHTML,
 * so a region name or source holding markup is shown as text.
 *
 * Language: ?lang= in the address, else the one chosen before
 * (localStorage), else the browser's first language a lang-XX.json file
 * exists for, else English.  Filters live in the query string
 * (?q=&utility=&sev=&map=), the view in the hash (#region=ID,
 * #alerts=past), so a filtered view can be shared.
 */
(function () {
	'use strict';

	var API = '/api/v1';
	var UTILS = ['power', 'heat', 'water', 'gas', 'telecom'];
	var SEV = { none: 0, minor: 1, major: 2, critical: 3 };
	var SEV_NAMES = ['none', 'minor', 'major', 'critical'];
	var DAY_MS = 86400000;
	/* languages offered even when the browser does not ask for them */
	var LANGS = ['uk', 'en'];
	var WINDOWS = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS };

	/* the chosen language: its texts and formats (setLang()) */
	var L = { code: 'en', texts: {}, avail: new Map(), num: null,
	    dec: null, compact: null, date: null, tick: null, rtf: null };

	var state = {
		regions: new Map(),	/* id -> region summary */
		names: new Map(),	/* id -> name, from every answer */
		info: new Map(),	/* id -> {names, tile, parent}, /regions */
		alerts: new Map(),	/* alert id -> alert */
		history: new Map(),	/* id -> [{t, u, pct}] */
		rows: new Map(),	/* id -> <tr> */
		sensors: {},		/* region id -> {dark, total}, /devices */
		filter: { q: '', utility: '', sev: '', map: '' },
		hist: { utility: null, window: '24h' },
		chart: null,
		token: null,
		detailId: null,
		view: 'overview',
		generatedAt: null,
		stream: null,
		needToken: false,
		everOpen: false
	};

	try {
		state.token = window.sessionStorage.getItem('outaged-token');
	} catch (e) { /* storage may be disabled */ }

	/* ---- texts ------------------------------------------------------- */

	/* t('regions.in', {parent: 'Ukraine'}): the text in the chosen
	 * language, else English, else the key. */
	function t(key, vars) {
		var s = L.texts[key];
		if (s === undefined) {
			var en = L.avail.get('en');
			s = en && en[key] !== undefined ? en[key] : key;
		}
		if (vars)
			s = s.replace(/\{(\w+)\}/g, function (m, k) {
				return vars[k] !== undefined ? String(vars[k]) : m;
			});
		return s;
	}

	function uName(u) { return t('util.' + u); }
	function sevName(s) { return t('sev.' + s); }
	function unitName(u) { return t('unit.' + (u || 'households')); }

	function loadLangs() {
		var want = LANGS.slice();
		(navigator.languages || [navigator.language || 'en'])
		    .forEach(function (l) {
			var c = String(l).toLowerCase().split('-')[0];
			if (/^[a-z]{2,3}$/.test(c) && want.indexOf(c) < 0)
				want.push(c);
		});
		var q = new URLSearchParams(location.search).get('lang');
		if (q && /^[a-z]{2,3}$/.test(q) && want.indexOf(q) < 0)
			want.push(q);
		return Promise.all(want.map(function (c) {
			return fetch('/static/lang-' + c + '.json')
			    .then(function (r) { return r.ok ? r.json() : null; })
			    .catch(function () { return null; });
		})).then(function (got) {
			/* in a fixed order: the switch does not reshuffle */
			got.forEach(function (j, i) {
				if (j && j['lang.name'])
					L.avail.set(want[i], j);
			});
		});
	}

	function chooseLang() {
		var q = new URLSearchParams(location.search).get('lang'), s = null;
		if (q && L.avail.has(q))
			return q;
		try {
			s = localStorage.getItem('outaged-lang');
		} catch (e) { /* storage may be disabled */ }
		if (s && L.avail.has(s))
			return s;
		var langs = navigator.languages || [navigator.language || 'en'];
		for (var i = 0; i < langs.length; i++) {
			var c = String(langs[i]).toLowerCase().split('-')[0];
			if (L.avail.has(c))
				return c;
		}
		return L.avail.has('en') ? 'en' : (L.avail.keys().next().value ||
		    'en');
	}

	function setLang(code) {
		L.code = code;
		L.texts = L.avail.get(code) || {};
		var loc = t('lang.locale');
		L.num = new Intl.NumberFormat(loc);
		L.dec = new Intl.NumberFormat(loc, { maximumFractionDigits: 1 });
		L.dec1 = new Intl.NumberFormat(loc, { minimumFractionDigits: 1,
		    maximumFractionDigits: 1 });
		L.compact = new Intl.NumberFormat(loc, { notation: 'compact',
		    maximumFractionDigits: 1 });
		L.date = new Intl.DateTimeFormat(loc, { dateStyle: 'medium',
		    timeStyle: 'short' });
		L.tickDay = new Intl.DateTimeFormat(loc, { day: 'numeric',
		    month: 'short' });
		L.tickTime = new Intl.DateTimeFormat(loc, { hour: '2-digit',
		    minute: '2-digit' });
		L.rtf = window.Intl && Intl.RelativeTimeFormat ?
		    new Intl.RelativeTimeFormat(loc, { numeric: 'always' }) : null;
		document.documentElement.lang = code;
		if (state.view === 'overview')
			document.title = t('page.title');
		document.querySelectorAll('[data-i18n]').forEach(function (n) {
			var k = n.getAttribute('data-i18n');
			if (L.texts[k] !== undefined || L.avail.has('en'))
				n.textContent = t(k);
		});
		document.querySelectorAll('[data-i18n-attr]').forEach(function (n) {
			n.getAttribute('data-i18n-attr').split(';')
			    .forEach(function (p) {
				var kv = p.split(':');
				n.setAttribute(kv[0].trim(), t(kv[1].trim()));
			});
		});
		renderLangButtons();
		fillFilterSelects();
	}

	function renderLangButtons() {
		var box = $('langs');
		clear(box);
		L.avail.forEach(function (texts, code) {
			box.appendChild(el('button', { type: 'button',
			    lang: code, 'data-lang': code,
			    'aria-pressed': code === L.code ? 'true' : 'false',
			    onclick: function () { switchLang(code); } },
			    texts['lang.name']));
		});
	}

	/* The user's choice: remembered, and everything drawn again. */
	function switchLang(code) {
		if (!L.avail.has(code))
			return;
		try {
			localStorage.setItem('outaged-lang', code);
		} catch (e) { /* storage may be disabled */ }
		var p = new URLSearchParams(location.search);
		if (p.has('lang')) {
			p.set('lang', code);
			writeURL(p);
		}
		$('main').removeAttribute('data-lang');
		setLang(code);
		setLive($('live').getAttribute('data-state'));
		state.rows.forEach(function (tr, id) {
			var r = state.regions.get(id);
			if (r)
				fillRow(tr, r);
		});
		renderAll();
		showUpdated();
		Promise.all([loadInfo(), loadAll()]).then(function () {
			return route(false);
		}).then(function () {
			$('main').setAttribute('data-lang', L.code);
		});
	}

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
		return (approx ? '~' : '') + L.num.format(n);
	}

	/*
	 * outagectl's rule (src/ctl/output.c fmt_percent): "0 %" would read
	 * as nobody out, so a share under 0.05, or one the API rounded to 0
	 * of a count above zero, is "<0.1 %".
	 */
	function fmtPct(p, affected) {
		if ((p > 0 && p < 0.05) ||
		    (p === 0 && isNum(affected) && affected > 0))
			return '<' + L.dec1.format(0.1) + '\u00a0%';
		return (p < 10 && p > 0 ? L.dec1.format(p) :
		    L.dec.format(Math.round(p * 10) / 10)) + '\u00a0%';
	}

	/* a percent for a text read aloud: "46.1" (en), "46,1" (uk) */
	function pctWord(p) {
		return L.dec.format(Math.round(p * 10) / 10);
	}

	function parseTime(s) {
		var t0 = s ? Date.parse(s) : NaN;
		return isNaN(t0) ? null : t0;
	}

	function fmtAbs(s) {
		var t0 = typeof s === 'number' ? s : parseTime(s);
		if (t0 === null)
			return '';
		return L.date.format(new Date(t0));
	}

	function fmtAgo(s) {
		var t0 = parseTime(s);
		if (t0 === null)
			return '';
		var d = Math.max(0, Date.now() - t0) / 1000;
		if (d < 60)
			return t('time.justNow');
		var n, unit;
		if (d < 3600) {
			n = Math.floor(d / 60);
			unit = 'minute';
		} else if (d < 2 * DAY_MS / 1000) {
			n = Math.floor(d / 3600);
			unit = 'hour';
		} else {
			n = Math.floor(d / 86400);
			unit = 'day';
		}
		return L.rtf ? L.rtf.format(-n, unit) : n + ' ' + unit;
	}

	function fmtDuration(ms) {
		var m = Math.max(0, Math.round(ms / 60000));
		if (m < 60)
			return t('dur.m', { n: m });
		if (m < 48 * 60)
			return t('dur.h', { h: Math.floor(m / 60), m: m % 60 });
		return t('dur.d', { d: Math.floor(m / 1440),
		    h: Math.floor(m % 1440 / 60) });
	}

	function timeEl(s, cls) {
		if (!s)
			return el('span', { class: 'muted' }, '—');
		return el('time', { datetime: s, title: fmtAbs(s),
		    class: cls || null }, fmtAgo(s));
	}

	/* A region's name in the chosen language: the packs' (/regions),
	 * else what the API said, else its id. */
	function regionName(id, fallback) {
		var i = state.info.get(id);
		if (i && i.names)
			return i.names[L.code] || (L.code === 'en' || !fallback ?
			    i.names.en : fallback) || fallback || id;
		return fallback || state.names.get(id) || id;
	}

	/* every name a search may match: all languages, and the id */
	function searchNames(id, extra) {
		var i = state.info.get(id), out = [id];
		if (i && i.names)
			Object.keys(i.names).forEach(function (k) {
				out.push(i.names[k]);
			});
		if (extra)
			out.push(extra);
		if (state.names.has(id))
			out.push(state.names.get(id));
		return out;
	}

	function fold(s) {
		return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '')
		    .replace(/['\u2019\u02bc`]/g, '').toLowerCase().trim();
	}

	function regionHref(id) {
		return '#region=' + encodeURIComponent(id);
	}

	function sevBadge(sev) {
		sev = SEV[sev] !== undefined ? sev : 'none';
		return el('span', { class: 'badge sev-' + sev,
		    'data-sev': sev }, sevName(sev));
	}

	function withLang(path) {
		return path + (path.indexOf('?') >= 0 ? '&' : '?') + 'lang=' +
		    encodeURIComponent(L.code);
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
			'data-label': uName(u),
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
		var parts = [], label = uName(u) + ': ';

		if (!known) {
			parts.push(el('span', { class: 'unk' }, t('fig.unknown')));
			label += t('fig.unknownLabel');
			if (f.since)
				label += ' ' + t('fig.stale');
		} else if (isNum(f.affected) && (isOut(f) || f.affected > 0)) {
			parts.push(el('span', { class: 'n' },
			    fmtCount(f.affected, f.approximate)));
			label += (f.approximate ? t('fig.about',
			    { n: L.num.format(f.affected) }) :
			    L.num.format(f.affected)) + ' ' + unitName(f.unit);
			if (isNum(f.percent)) {
				parts.push(el('span', { class: 'p' },
				    fmtPct(f.percent, f.affected)));
				label += ', ' + t('fig.percentLabel',
				    { p: pctWord(f.percent) });
			}
			if (f.status !== 'outage') {
				parts.push(el('span', { class: 'tag' },
				    t('status.' + f.status)));
				label += ', ' + t('status.' + f.status);
			}
			label += ', ' + sevName(f.severity);
		} else if (isOut(f)) {
			parts.push(el('span', { class: 'n' },
			    t('status.' + f.status)));
			parts.push(el('span', { class: 'p muted' },
			    t('fig.noCount')));
			label += t('fig.withoutCount', { status:
			    t('status.' + f.status) }) + ', ' +
			    sevName(f.severity);
		} else {
			parts.push(el('span', { class: 'n ok' },
			    f.status === 'restored' ? t('status.restored') :
			    t('fig.ok')));
			label += t('status.' + f.status);
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
			return el('td', { class: 'worst',
			    'data-label': t('regions.worst') },
			    el('span', { class: 'muted' }, '—'));
		var f = w.f, text, label;
		if (isNum(f.percent)) {
			text = fmtPct(f.percent, f.affected);
			label = uName(w.u) + ' ' + t('fig.percentLabel',
			    { p: pctWord(f.percent) });
		} else if (isNum(f.affected)) {
			text = fmtCount(f.affected, f.approximate);
			label = t('regions.noDenominator', { utility: uName(w.u),
			    n: L.num.format(f.affected) });
		} else {
			text = t('fig.noCount');
			label = uName(w.u) + ' ' + t('fig.withoutCount',
			    { status: t('status.' + f.status) });
		}
		return el('td', { class: 'worst', 'data-label': t('regions.worst'),
		    'data-percent': isNum(f.percent) ? String(f.percent) : '' },
		    el('div', { class: 'worst-top' },
		    el('span', { class: 'worst-pct' }, text),
		    el('span', { class: 'worst-u' }, uName(w.u))),
		    /* no percent, no bar: an empty bar would read as 0 */
		    isNum(f.percent) ? bar(f.percent, f.severity,
		    t('regions.worstBar', { label: label })) : null);
	}

	function regionSeverity(r) {
		return SEV_NAMES[rankOf(r).sev];
	}

	function figWords(w) {
		return isNum(w.f.percent) ? t('fig.percentLabel',
		    { p: pctWord(w.f.percent) }) : isNum(w.f.affected) ?
		    t('regions.affectedNoDen', { n: L.num.format(w.f.affected) }) :
		    t('status.' + w.f.status);
	}

	function fillRow(tr, r) {
		var sev = regionSeverity(r);
		var name = regionName(r.region, r.name);
		var parent = r.parent ? regionName(r.parent) : null;
		var sn = state.sensors[r.region];

		clear(tr);
		tr.className = 'row sev-' + sev;
		tr.setAttribute('data-region', r.region);
		tr.setAttribute('data-severity', sev);
		tr.setAttribute('tabindex', '0');
		var w = worstOf(r);
		tr.setAttribute('aria-label', t('regions.rowLabel', { name: name,
		    id: r.region, sev: sevName(sev), worst: w ?
		    t('regions.worstLabel', { utility: uName(w.u),
		    fig: figWords(w) }) : '' }));
		append(tr, [
			el('th', { scope: 'row', class: 'name' },
			    el('a', { href: regionHref(r.region), tabindex: '-1',
			    class: 'rname' }, name),
			    el('span', { class: 'rid' }, r.region),
			    parent ? el('span', { class: 'rparent' },
			    t('regions.in', { parent: parent })) : null,
			    sn && sn.total ? el('span', { class: 'rsens',
			    'data-sensors-dark': String(sn.dark),
			    'data-sensors-total': String(sn.total) },
			    t('regions.sensors', { dark: L.num.format(sn.dark),
			    total: L.num.format(sn.total) })) : null),
			el('td', { class: 'sev',
			    'data-label': t('regions.colSeverity') },
			    sevBadge(sev)),
			worstCell(r),
			UTILS.map(function (u) { return utilityCell(u, fig(r, u)); }),
			el('td', { class: 'spark', 'data-label':
			    t('regions.colSpark') },
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
			while (next && next.hidden)
				next = ev.key === 'ArrowDown' ?
				    next.nextElementSibling :
				    next.previousElementSibling;
			if (next) {
				ev.preventDefault();
				next.focus();
			}
		}
	}

	/* Put the rows in rank order, moving only those out of place, and
	 * keep the keyboard focus where it was.  Rows outside the filter
	 * stay in place, hidden. */
	function renderRegions() {
		var body = $('region-rows');
		var list = Array.from(state.regions.values());
		var focused = document.activeElement &&
		    document.activeElement.getAttribute &&
		    document.activeElement.getAttribute('data-region');
		var i, shown = 0;

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
			tr.hidden = !matches(list[i]);
			if (!tr.hidden)
				shown++;
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
		$('regions-nomatch').hidden = list.length === 0 || shown > 0;
		$('regions').hidden = shown === 0;
		$('regions-count').textContent = list.length ? '(' +
		    (filtering() ? L.num.format(shown) + '/' : '') +
		    L.num.format(list.length) + ')' : '';
		$('f-shown').textContent = filtering() ? t('filters.shown',
		    { n: L.num.format(shown), total: L.num.format(list.length) }) :
		    '';
		renderMap();
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
		var label = t('spark.label', { now: pctWord(last),
		    peak: pctWord(peak) });
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
		var name = regionName(a.region, a.region_name);
		var what = [], approx = a.approximate;
		if (approx === undefined) {
			/* a listed alert does not say; the region's figure does */
			var r = state.regions.get(a.region);
			approx = r ? fig(r, a.utility).approximate : false;
		}
		if (isNum(a.affected))
			what.push(fmtCount(a.affected, approx) + ' ' +
			    unitName(alertUnit(a)));
		if (isNum(a.percent))
			what.push(fmtPct(a.percent, a.affected));
		return el('li', { class: 'alert sev-' + a.severity,
		    'data-alert': a.id, 'data-alert-region': a.region,
		    'data-alert-utility': a.utility,
		    'data-alert-severity': a.severity },
		    sevBadge(a.severity),
		    el('span', { class: 'alert-main' },
		    el('a', { href: regionHref(a.region),
		    'aria-label': t('alerts.label', { name: name, id: a.region,
		    utility: uName(a.utility), sev: sevName(a.severity) }) },
		    name),
		    ' ', el('span', { class: 'rid' }, a.region),
		    ' ', el('span', { class: 'alert-u' }, uName(a.utility)),
		    what.length ? el('span', { class: 'alert-fig' },
		    what.join(' · ')) : null),
		    el('span', { class: 'alert-when' }, t('alerts.since'), ' ',
		    timeEl(a.started_at)));
	}

	/* A listed alert does not name its unit: the region's figure, else
	 * its denominator's, does. */
	function alertUnit(a) {
		var r = state.regions.get(a.region), i = state.info.get(a.region);
		return a.unit || (r && fig(r, a.utility).unit) || (i && i.unit) ||
		    'households';
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

	function alertMatches(a) {
		var f = state.filter;
		if (f.utility && a.utility !== f.utility)
			return false;
		if (f.sev && (SEV[a.severity] || 0) < SEV[f.sev])
			return false;
		return !f.q || nameMatches(a.region, a.region_name);
	}

	/* Grouped by severity, critical first; the minor ones folded away
	 * (a <details> the user opens), so that a 0.1 % episode does not
	 * stand beside a critical one. */
	function renderAlerts() {
		var box = $('alerts');
		var all = sortedAlerts(Array.from(state.alerts.values()));
		var list = all.filter(alertMatches);
		var open = box.querySelector('details[open]') !== null;
		clear(box);
		['critical', 'major', 'minor', 'none'].forEach(function (sev) {
			var these = list.filter(function (a) {
				return (SEV[a.severity] !== undefined ?
				    a.severity : 'none') === sev;
			});
			if (these.length === 0)
				return;
			var ul = el('ul', { class: 'alerts' },
			    these.map(alertItem));
			if (sev === 'minor' || sev === 'none') {
				box.appendChild(el('details', { class: 'alert-group ' +
				    'sev-' + sev, 'data-group': sev, open: open },
				    el('summary', null, sevBadge(sev), ' ',
				    t('alerts.minorMore', { n: L.num.format(
				    these.length) })), ul));
				return;
			}
			box.appendChild(el('div', { class: 'alert-group sev-' + sev,
			    'data-group': sev }, el('h3', null, sevBadge(sev),
			    ' ', el('span', { class: 'count' }, '(' +
			    L.num.format(these.length) + ')')), ul));
		});
		$('alerts-empty').hidden = list.length > 0;
		$('alerts-count').textContent = all.length ? '(' +
		    (list.length !== all.length ? L.num.format(list.length) +
		    '/' : '') + L.num.format(all.length) + ')' : '';
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
		    el('caption', null, t('detail.figsCaption')),
		    el('thead', null, el('tr', null,
		    ['colUtility', 'colStatus', 'colAffected', 'colPercent',
		    'colSeverity', 'colSince', 'colUpdated', 'colPeak',
		    'colSources', 'colOwn', 'colSub'].map(function (h) {
			return el('th', { scope: 'col' }, t('detail.' + h));
		}))),
		    el('tbody', null, UTILS.map(function (u) {
			var f = fig(d, u);
			var known = f.coverage !== 'unknown';
			var ch = f.children || {};
			var lab = function (k) { return t('detail.' + k); };
			return el('tr', { 'data-utility': u,
			    class: known ? 'sev-' + f.severity : 'unknown' },
			    el('th', { scope: 'row' }, uName(u)),
			    el('td', { 'data-label': lab('colStatus') }, known ?
			    t('status.' + f.status) : el('span', { class: 'unk' },
			    t('fig.unknown'))),
			    el('td', { 'data-label': lab('colAffected'),
			    'data-affected': known && isNum(f.affected) ?
			    String(f.affected) : '' }, known ?
			    (!isNum(f.affected) && isOut(f) ? t('fig.noCount') :
			    countText(f.affected, f.approximate)) +
			    (isNum(f.affected) && f.unit ? ' ' + unitName(f.unit) :
			    '') : el('span', { class: 'unk' }, t('fig.unknown'))),
			    el('td', { 'data-label': lab('colPercent'),
			    'data-percent': isNum(f.percent) ?
			    String(f.percent) : '' }, isNum(f.percent) ?
			    fmtPct(f.percent, f.affected) : '—'),
			    el('td', { 'data-label': lab('colSeverity') }, known ?
			    sevBadge(f.severity) : '—'),
			    el('td', { 'data-label': lab('colSince') },
			    timeEl(f.since)),
			    el('td', { 'data-label': lab('colUpdated') },
			    timeEl(f.last_update)),
			    el('td', { 'data-label': lab('colPeak') },
			    countText(f.peak, false)),
			    el('td', { 'data-label': lab('colSources') },
			    L.num.format(f.sources || 0)),
			    el('td', { 'data-label': lab('colOwn') },
			    countText(f.direct, false)),
			    el('td', { 'data-label': lab('colSub') },
			    ch.reporting ? (isNum(ch.affected) ?
			    countText(ch.affected, false) : t('fig.noCount')) +
			    ' (' + t('detail.reporting', { n: ch.reporting }) +
			    ')' : '—'));
		})));
	}

	function detailClaims(d) {
		var rows = [];
		UTILS.forEach(function (u) {
			(fig(d, u).claims || []).forEach(function (c) {
				rows.push(el('tr', { 'data-claim-source': c.source,
				    'data-utility': u },
				    el('th', { scope: 'row' }, c.source),
				    el('td', { 'data-label': t('detail.colUtility') },
				    uName(u)),
				    el('td', { 'data-label': t('detail.colStatus') },
				    t('status.' + c.status)),
				    el('td', { 'data-label': t('detail.colAffected') },
				    countText(c.affected, c.approximate) +
				    (isNum(c.affected) && c.unit ? ' ' +
				    unitName(c.unit) : '')),
				    el('td', { 'data-label': t('detail.colPriority') },
				    String(c.priority)),
				    el('td', { 'data-label': t('detail.colObserved') },
				    timeEl(c.observed_at))));
			});
		});
		if (rows.length === 0)
			return el('p', { class: 'empty' }, t('detail.noClaims'));
		return el('table', { class: 'dtable claims' },
		    el('caption', null, t('detail.claimsCaption')),
		    el('thead', null, el('tr', null,
		    ['colSource', 'colUtility', 'colStatus', 'colAffected',
		    'colPriority', 'colObserved'].map(function (h) {
			return el('th', { scope: 'col' }, t('detail.' + h));
		}))), el('tbody', null, rows));
	}

	function detailChildren(d) {
		var kids = d.children || [];
		if (kids.length === 0)
			return el('p', { class: 'empty' }, t('detail.noChildren'));
		var withData = kids.filter(function (c) {
			return Object.keys(c.utilities || {}).length > 0;
		}).sort(compareRegions);
		var quiet = kids.filter(function (c) {
			return Object.keys(c.utilities || {}).length === 0;
		});
		var out = [];
		if (withData.length)
			out.push(el('table', { class: 'regions mini' },
			    el('caption', null, t('detail.childrenCaption')),
			    el('thead', null, el('tr', null,
			    el('th', { scope: 'col' }, t('detail.region')),
			    el('th', { scope: 'col' }, t('detail.colSeverity')),
			    UTILS.map(function (u) {
				return el('th', { scope: 'col',
				    class: 'c-u' }, t('utilh.' + u));
			}))),
			    el('tbody', null, withData.map(function (c) {
				return el('tr', { 'data-child': c.region,
				    class: 'sev-' + c.severity },
				    el('th', { scope: 'row', class: 'name' },
				    el('a', { href: regionHref(c.region) },
				    regionName(c.region, c.name)),
				    el('span', { class: 'rid' }, c.region)),
				    el('td', { 'data-label':
				    t('detail.colSeverity') },
				    sevBadge(c.severity)),
				    UTILS.map(function (u) {
					return utilityCell(u, fig(c, u));
				}));
			}))));
		if (quiet.length)
			out.push(el('details', { class: 'quiet' },
			    el('summary', null, quiet.length === 1 ?
			    t('detail.quietOne') : t('detail.quiet',
			    { n: L.num.format(quiet.length) })),
			    el('ul', { class: 'quiet-list' },
			    quiet.map(function (c) {
				return el('li', null, el('a',
				    { href: regionHref(c.region) },
				    regionName(c.region, c.name)),
				    ' ', el('span', { class: 'rid' }, c.region));
			}))));
		return out;
	}

	function detailAlerts(d) {
		var list = sortedAlerts(d.alerts || []);
		if (list.length === 0)
			return el('p', { class: 'empty' }, t('detail.noAlerts'));
		return el('ul', { class: 'alerts' }, list.map(function (a) {
			a = Object.assign({ region_name: d.name }, a);
			return alertItem(a);
		}));
	}

	/* Sensing devices in the region (/api/v1/devices?region=): how many,
	 * and the dark ones by name. */
	function detailSensors(dev) {
		var list = dev && dev.devices || [];
		if (list.length === 0)
			return el('p', { class: 'empty', 'data-sensors-total': '0' },
			    t('sensors.none'));
		var dark = list.filter(function (x) { return x.state === 'dark'; });
		return el('div', { class: 'sensors',
		    'data-sensors-total': String(list.length),
		    'data-sensors-dark': String(dark.length) },
		    el('p', null, t('sensors.summary', { total:
		    L.num.format(list.length), dark: L.num.format(dark.length) })),
		    dark.length ? el('table', { class: 'dtable' },
		    el('caption', null, t('sensors.darkList')),
		    el('tbody', null, dark.map(function (x) {
			return el('tr', { 'data-device': x.id },
			    el('th', { scope: 'row' }, x.label || x.id),
			    el('td', null, x.group || ''),
			    el('td', null, regionName(x.region, x.region_name)),
			    el('td', null, t('sensors.state.dark'), ' ',
			    timeEl(x.since)));
		}))) : el('p', { class: 'empty' }, t('sensors.noneDark')));
	}

	function renderDetail(d, dev) {
		var sec = $('detail');
		var sev = regionSeverity(d);
		var den = d.denominator;
		var name = regionName(d.region, d.name);

		state.names.set(d.region, d.name);
		(d.children || []).forEach(function (c) {
			state.names.set(c.region, c.name);
		});
		destroyChart();
		clear(sec);
		sec.setAttribute('data-detail', d.region);
		if (!state.hist.utility || state.hist.region !== d.region) {
			var w = worstOf(d);
			state.hist = { region: d.region, utility: w ? w.u : 'power',
			    window: state.hist.window || '24h' };
		}
		append(sec, [
			el('p', { class: 'back' }, el('a', { href: '#',
			    class: 'backlink' }, t('detail.back'))),
			el('div', { class: 'dhead sev-' + sev },
			    el('h2', { id: 'detail-h', tabindex: '-1' }, name,
			    ' ', el('span', { class: 'rid' }, d.region)),
			    sevBadge(sev)),
			dl([
				d.parent ? [t('detail.partOf'), el('a',
				    { href: regionHref(d.parent) },
				    regionName(d.parent))] : null,
				[t('detail.denominator'), den ?
				    L.num.format(den.count) + ' ' +
				    unitName(den.unit) : t('detail.noDenominator')],
				[t('detail.asOf'), timeEl(d.generated_at)]
			]),
			el('h3', null, t('detail.history')),
			historyBox(d),
			el('h3', null, t('detail.utilities')),
			el('div', { class: 'scroll' }, detailUtilities(d)),
			el('h3', null, t('detail.alerts')),
			detailAlerts(d),
			el('h3', null, t('detail.sensors')),
			detailSensors(dev),
			el('h3', null, t('detail.sources')),
			el('div', { class: 'scroll' }, detailClaims(d)),
			el('h3', null, t('detail.subregions')),
			detailChildren(d)
		]);
		return drawHistory(d.region);
	}

	function showDetail(id, focus) {
		state.detailId = id;
		showView('detail');
		document.title = regionName(id) + ' · outaged';
		var p = getJSON(withLang('/regions/' + encodeURIComponent(id)));
		var dv = getJSON('/devices?region=' + encodeURIComponent(id))
		    .catch(function () { return null; });
		var h = state.history.has(id) ? Promise.resolve() :
		    getJSON('/regions/' + encodeURIComponent(id) +
		    '/history?since=24h').then(function (j) {
			state.history.set(id, historyPoints(j));
		}).catch(function () {});
		return Promise.all([p, h, dv]).then(function (res) {
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
			var drawn = renderDetail(res[0], res[2]);
			document.title = regionName(id, res[0].name) + ' · outaged';
			if (focus)
				$('detail-h').focus();
			else if (sel && $('detail').querySelector(sel))
				$('detail').querySelector(sel).focus();
			return drawn;
		}).catch(function (e) {
			if (state.detailId !== id)
				return;
			if (e instanceof AuthError)
				return askToken(e.message);
			var sec = $('detail');
			clear(sec);
			append(sec, [
				el('p', { class: 'back' }, el('a', { href: '#',
				    class: 'backlink' }, t('detail.back'))),
				el('h2', { id: 'detail-h', tabindex: '-1' },
				    t('detail.error') + ' ', el('code', null, id)),
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

	function showView(v) {
		state.view = v;
		$('overview').hidden = v !== 'overview';
		$('detail').hidden = v !== 'detail';
		$('past').hidden = v !== 'past';
		if (v !== 'detail')
			destroyChart();
	}

	function showOverview() {
		var prev = state.detailId;
		state.detailId = null;
		showView('overview');
		document.title = t('page.title');
		if (prev && state.rows.has(prev) && !state.rows.get(prev).hidden)
			state.rows.get(prev).focus();
		else if (prev && $('map').querySelector('[data-region="' +
		    CSS.escape(prev) + '"]'))
			$('map').querySelector('[data-region="' + CSS.escape(prev) +
			    '"]').focus();
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
			return showDetail(id, focus);
		if (location.hash === '#alerts=past') {
			state.detailId = null;
			return showPast(focus);
		}
		if (state.detailId !== null || state.view !== 'overview')
			showOverview();
		return Promise.resolve();
	}

	/* ---- filters (kept in the query string) --------------------------- */

	function writeURL(p) {
		var s = p.toString();
		history.replaceState(null, '', location.pathname + (s ? '?' + s :
		    '') + location.hash);
	}

	function readFilter() {
		var p = new URLSearchParams(location.search);
		var u = p.get('utility') || '', s = p.get('sev') || '';
		state.filter = {
			q: p.get('q') || '',
			utility: UTILS.indexOf(u) >= 0 ? u : '',
			sev: SEV[s] > 0 ? s : '',
			map: p.get('map') || ''
		};
	}

	function saveFilter() {
		var p = new URLSearchParams(location.search), f = state.filter;
		['q', 'utility', 'sev', 'map'].forEach(function (k) {
			if (f[k])
				p.set(k, f[k]);
			else
				p.delete(k);
		});
		writeURL(p);
	}

	function filtering() {
		var f = state.filter;
		return !!(f.q || f.utility || f.sev);
	}

	function nameMatches(id, extra) {
		var q = fold(state.filter.q);
		if (!q)
			return true;
		return searchNames(id, extra).some(function (n) {
			return fold(n).indexOf(q) >= 0;
		});
	}

	/* The region's worst severity over the utilities the filter keeps. */
	function filteredSeverity(r) {
		var s = 0;
		(state.filter.utility ? [state.filter.utility] : UTILS)
		    .forEach(function (u) {
			var f = fig(r, u);
			if (isOut(f))
				s = Math.max(s, SEV[f.severity] || 0);
		});
		return s;
	}

	function matches(r) {
		var f = state.filter;
		if (f.utility && !isOut(fig(r, f.utility)))
			return false;
		if (f.sev && filteredSeverity(r) < SEV[f.sev])
			return false;
		return nameMatches(r.region, r.name);
	}

	function fillFilterSelects() {
		var su = $('f-utility'), ss = $('f-sev');
		clear(su);
		clear(ss);
		su.appendChild(el('option', { value: '' }, t('filters.utilityAll')));
		UTILS.forEach(function (u) {
			su.appendChild(el('option', { value: u }, uName(u)));
		});
		ss.appendChild(el('option', { value: '' }, t('filters.sevAny')));
		['minor', 'major', 'critical'].forEach(function (s) {
			ss.appendChild(el('option', { value: s }, sevName(s)));
		});
		su.value = state.filter.utility;
		ss.value = state.filter.sev;
		$('f-q').value = state.filter.q;
	}

	function onFilter() {
		state.filter.q = $('f-q').value.trim();
		state.filter.utility = $('f-utility').value;
		state.filter.sev = $('f-sev').value;
		saveFilter();
		renderAll();
	}

	function renderAll() {
		renderRegions();	/* and the map */
		renderAlerts();
	}

	/* ---- the tile map ------------------------------------------------- */

	function tiled() {
		var out = [];
		state.info.forEach(function (i, id) {
			if (i.tile)
				out.push({ id: id, info: i });
		});
		return out;
	}

	/* The countries with a tile map, worst first on an equal footing. */
	function mapCountries(tiles) {
		var seen = new Map();
		tiles.forEach(function (x) {
			var c = x.info.parent || x.id;
			var r = state.regions.get(x.id);
			var s = r ? filteredSeverity(r) : 0;
			if (!seen.has(c) || seen.get(c) < s)
				seen.set(c, s);
		});
		return Array.from(seen.keys()).map(function (c, i) {
			return { id: c, sev: seen.get(c), order: i };
		});
	}

	/* What a tile shows: "TX" for a state; the name's first word
	 * ("Дніпропетровська" of "... область"), or its last of three or
	 * more ("Крим" of "Автономна Республіка Крим"); CSS ends it with an
	 * ellipsis when it does not fit. */
	function tileShort(id, name) {
		var m = /^[A-Z]{2}-([A-Z]{2,3})$/.exec(id);
		var w = String(name).split(/\s+/);
		return m ? m[1] : w.length >= 3 ? w[w.length - 1] : w[0];
	}

	function tileFigure(r) {
		var best = null;
		(state.filter.utility ? [state.filter.utility] : UTILS)
		    .forEach(function (u) {
			var f = fig(r, u);
			if (!isOut(f))
				return;
			var k = isNum(f.percent) ? f.percent : -1;
			if (!best || k > best.k || (k === best.k &&
			    (SEV[f.severity] || 0) > (SEV[best.f.severity] || 0)))
				best = { u: u, f: f, k: k };
		});
		return best;
	}

	function renderMap() {
		var box = $('map'), cbox = $('map-countries');
		var tiles = tiled();
		var focused = document.activeElement &&
		    box.contains(document.activeElement) ?
		    document.activeElement.getAttribute('data-region') : null;
		clear(box);
		clear(cbox);
		if (tiles.length === 0)
			return;
		var countries = mapCountries(tiles);
		var cur = countries.filter(function (c) {
			return c.id === state.filter.map;
		})[0];
		if (!cur)
			cur = countries.slice().sort(function (a, b) {
				return b.sev - a.sev || a.order - b.order;
			})[0];
		if (countries.length > 1)
			countries.forEach(function (c) {
				cbox.appendChild(el('button', { type: 'button',
				    'data-country': c.id,
				    'aria-pressed': c.id === cur.id ? 'true' : 'false',
				    onclick: function () {
					state.filter.map = c.id;
					saveFilter();
					renderMap();
				} }, regionName(c.id)));
			});
		var mine = tiles.filter(function (x) {
			return (x.info.parent || x.id) === cur.id;
		});
		var cols = 1, rows = 1;
		mine.forEach(function (x) {
			cols = Math.max(cols, x.info.tile[0] + 1);
			rows = Math.max(rows, x.info.tile[1] + 1);
		});
		var grid = el('div', { class: 'map-grid', role: 'group',
		    'data-country': cur.id, 'aria-label': t('map.h') + ': ' +
		    regionName(cur.id),
		    style: 'grid-template-columns:repeat(' + cols +
		    ',minmax(0,1fr));grid-template-rows:repeat(' + rows +
		    ',auto)' });
		/* reading order for the keyboard: row by row */
		mine.sort(function (a, b) {
			return a.info.tile[1] - b.info.tile[1] ||
			    a.info.tile[0] - b.info.tile[0];
		});
		/* "Kyiv" for the city and "Kyiv oblast" alike: the whole name
		 * where two first words are the same */
		var shorts = {};
		mine.forEach(function (x) {
			var s = tileShort(x.id, regionName(x.id));
			shorts[s] = (shorts[s] || 0) + 1;
		});
		mine.forEach(function (x) {
			var r = state.regions.get(x.id);
			var name = regionName(x.id, r && r.name);
			var short = tileShort(x.id, name);
			var best = r ? tileFigure(r) : null;
			var sev = r ? SEV_NAMES[filteredSeverity(r)] : 'none';
			var out = !r || !matches(r);
			var figText = '', figWord = '';
			if (best) {
				figText = isNum(best.f.percent) ?
				    (best.f.percent > 0 && best.f.percent < 1 ?
				    fmtPct(best.f.percent, best.f.affected) :
				    L.num.format(Math.round(best.f.percent)) +
				    '\u00a0%') : isNum(best.f.affected) ?
				    L.compact.format(best.f.affected) : '!';
				figWord = ', ' + uName(best.u) + ' ' +
				    (isNum(best.f.percent) ?
				    fmtPct(best.f.percent, best.f.affected) :
				    isNum(best.f.affected) ?
				    fmtCount(best.f.affected, best.f.approximate) :
				    t('fig.noCount'));
			}
			var noRep = !best;
			var b = el('button', { type: 'button',
			    class: 'tile sev-' + (noRep ? 'nodata' : sev) +
			    (r && out && filtering() ? ' out' : ''),
			    'data-region': x.id, 'data-severity': sev,
			    'data-filtered': r && !out ? 'in' : 'out',
			    title: name,
			    'aria-label': t('map.tile', { name: name, sev: noRep ?
			    t('map.noReport') : sevName(sev), fig: figWord }) +
			    (filtering() && out ? ' (' + t('map.filteredOut') +
			    ')' : ''),
			    style: 'grid-column:' + (x.info.tile[0] + 1) +
			    ';grid-row:' + (x.info.tile[1] + 1),
			    onclick: function () {
				location.hash = regionHref(x.id);
			} },
			    el('span', { class: 't-name' + (short.length <= 3 ?
			    ' t-code' : ''), 'aria-hidden': 'true' },
			    shorts[short] > 1 ? name : short),
			    el('span', { class: 't-fig', 'aria-hidden': 'true' },
			    figText));
			grid.appendChild(b);
		});
		box.appendChild(grid);
		if (focused && grid.querySelector('[data-region="' +
		    CSS.escape(focused) + '"]'))
			grid.querySelector('[data-region="' + CSS.escape(focused) +
			    '"]').focus();
		var lg = $('map-legend');
		clear(lg);
		['critical', 'major', 'minor', 'none'].forEach(function (s) {
			lg.appendChild(el('li', null, el('span', { class: 'sw sev-' +
			    s, 'aria-hidden': 'true' }), sevName(s)));
		});
		lg.appendChild(el('li', null, el('span', { class: 'sw sev-nodata',
		    'aria-hidden': 'true' }), t('map.noReport')));
	}

	/* Arrow keys move between tiles by their place on the grid. */
	function onMapKey(ev) {
		var b = ev.target.closest && ev.target.closest('.tile');
		if (b && (ev.key === 'Enter' || ev.key === ' ')) {
			ev.preventDefault();
			location.hash = regionHref(b.getAttribute('data-region'));
			return;
		}
		var d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1],
		    ArrowDown: [0, 1] }[ev.key];
		if (!b || !d)
			return;
		var info = state.info.get(b.getAttribute('data-region'));
		var best = null, bd = 1e9;
		b.parentNode.querySelectorAll('.tile').forEach(function (o) {
			var i = state.info.get(o.getAttribute('data-region'));
			var dx = i.tile[0] - info.tile[0], dy = i.tile[1] - info.tile[1];
			var along = dx * d[0] + dy * d[1];
			var across = Math.abs(dx * d[1]) + Math.abs(dy * d[0]);
			if (along <= 0)
				return;
			var score = along + 2 * across;
			if (score < bd) {
				bd = score;
				best = o;
			}
		});
		if (best) {
			ev.preventDefault();
			best.focus();
		}
	}

	/* ---- the history chart (Chart.js, Debian's libjs-chart.js) -------- */

	function destroyChart() {
		if (state.chart) {
			state.chart.destroy();
			state.chart = null;
		}
	}

	function historyBox(d) {
		var h = state.hist;
		var su = el('select', { id: 'h-utility', onchange: function () {
			state.hist.utility = su.value;
			drawHistory(d.region);
		} }, UTILS.map(function (u) {
			return el('option', { value: u, selected: u === h.utility },
			    uName(u));
		}));
		var wins = el('div', { class: 'seg', role: 'group',
		    'aria-label': t('chart.window') },
		    Object.keys(WINDOWS).map(function (w) {
			return el('button', { type: 'button', 'data-window': w,
			    'aria-pressed': w === h.window ? 'true' : 'false',
			    onclick: function () {
				state.hist.window = w;
				wins.querySelectorAll('button').forEach(function (b) {
					b.setAttribute('aria-pressed',
					    b.getAttribute('data-window') === w ?
					    'true' : 'false');
				});
				drawHistory(d.region);
			} }, t('chart.w' + w));
		}));
		return el('div', { class: 'history', id: 'history' },
		    el('div', { class: 'hctl' },
		    el('label', { for: 'h-utility' }, t('chart.utility')), su,
		    wins),
		    el('div', { class: 'chartbox' }, el('canvas', { id: 'h-chart',
		    role: 'img', 'aria-label': '' })),
		    el('div', { id: 'h-note', class: 'hnote' }));
	}

	var SEV_COLOUR = { critical: '180,35,24', major: '163,71,0',
	    minor: '115,90,0', none: '37,107,44' };

	/* Shaded boxes for the alert episodes, under the line. */
	var episodePlugin = {
		id: 'outagedEpisodes',
		beforeDatasetsDraw: function (chart, args, opts) {
			var x = chart.scales.x, a = chart.chartArea, c = chart.ctx;
			(opts.episodes || []).forEach(function (e) {
				var x0 = Math.max(a.left, x.getPixelForValue(e.from));
				var x1 = Math.min(a.right, x.getPixelForValue(e.to));
				if (x1 <= x0)
					x1 = Math.min(a.right, x0 + 2);
				var rgb = SEV_COLOUR[e.sev] || SEV_COLOUR.minor;
				c.save();
				c.fillStyle = 'rgba(' + rgb + ',0.13)';
				c.fillRect(x0, a.top, x1 - x0, a.bottom - a.top);
				c.fillStyle = 'rgba(' + rgb + ',0.9)';
				c.fillRect(x0, a.top, x1 - x0, 4);
				c.restore();
			});
		}
	};

	/* Ticks on round local times: every 6 hours over a day, at midnight
	 * every day or every 5 days over a week or a month. */
	function timeTicks(start, end, span) {
		var step = span <= DAY_MS ? 6 : span <= 7 * DAY_MS ? 24 : 120;
		var d = new Date(start), out = [];
		d.setMinutes(0, 0, 0);
		if (step >= 24)
			d.setHours(0);
		else
			d.setHours(Math.ceil(d.getHours() / step) * step);
		while (d.getTime() < start)
			d.setHours(d.getHours() + step);
		for (; d.getTime() <= end && out.length < 12;
		    d.setHours(d.getHours() + step))
			out.push(d.getTime());
		return out;
	}

	function drawHistory(id) {
		var h = state.hist, u = h.utility, span = WINDOWS[h.window];
		var now = Date.now(), start = now - span;
		var box = $('history');
		if (!box)
			return Promise.resolve();
		box.removeAttribute('data-drawn');
		var hp = getJSON('/regions/' + encodeURIComponent(id) +
		    '/history?since=' + h.window + '&utility=' + u);
		var ap = getJSON(withLang('/alerts?state=all&limit=1000&region=' +
		    encodeURIComponent(id))).catch(function () {
			return { alerts: [] };
		});
		return Promise.all([hp, ap]).then(function (res) {
			if (state.detailId !== id || !$('history') ||
			    state.hist.utility !== u ||
			    WINDOWS[state.hist.window] !== span)
				return;
			box = $('history');
			var pts = (res[0].points || []).map(function (p) {
				return { x: parseTime(p.at), y: isNum(p.affected) ?
				    p.affected : p.status === 'restored' ? 0 : null,
				    unit: p.unit, sev: p.severity };
			}).filter(function (p) { return p.x !== null; })
			    .sort(function (a, b) { return a.x - b.x; });
			var unit = (pts.filter(function (p) { return p.unit; })[0] ||
			    {}).unit || 'households';
			var eps = (res[1].alerts || []).filter(function (a) {
				var s = parseTime(a.started_at);
				var e = parseTime(a.resolved_at) || now;
				return a.utility === u && s !== null && e >= start;
			}).map(function (a) {
				return { from: Math.max(start, parseTime(a.started_at)),
				    to: parseTime(a.resolved_at) || now,
				    sev: a.peak_severity || a.severity, a: a };
			});
			var data = pts.slice();
			if (data.length)
				data.push({ x: now, y: data[data.length - 1].y });
			var peak = 0;
			pts.forEach(function (p) {
				if (isNum(p.y))
					peak = Math.max(peak, p.y);
			});
			var last = pts.length ? pts[pts.length - 1].y : null;
			var label = t('chart.label', { utility: uName(u),
			    unit: unitName(unit), window: t('chart.w' + h.window),
			    n: L.num.format(pts.length), peak: L.num.format(peak),
			    now: isNum(last) ? L.num.format(last) : '—',
			    episodes: eps.length ? t('chart.episodes',
			    { n: L.num.format(eps.length) }) :
			    t('chart.noEpisodes') });
			box.setAttribute('data-points', String(pts.length));
			box.setAttribute('data-episodes', String(eps.length));
			box.setAttribute('data-utility', u);
			box.setAttribute('data-window', h.window);
			var canvas = $('h-chart');
			canvas.setAttribute('aria-label', label);
			var note = $('h-note');
			clear(note);
			if (pts.length === 0)
				note.appendChild(el('p', { class: 'empty' },
				    t('chart.nothing')));
			if (eps.length)
				note.appendChild(el('ul', { class: 'episodes',
				    'aria-label': t('chart.episodesCaption') },
				    eps.map(function (e) {
					return el('li', { class: 'sev-' + e.sev },
					    sevBadge(e.sev), ' ', fmtAbs(e.from), ' – ',
					    e.a.resolved_at ? fmtAbs(e.to) :
					    t('dur.ongoing'), ' (',
					    fmtDuration(e.to - parseTime(e.a.started_at)),
					    ')');
				})));
			destroyChart();
			if (!window.Chart) {
				note.appendChild(el('p', { class: 'empty' },
				    t('chart.missing')));
				box.setAttribute('data-drawn', 'none');
				return;
			}
			var sevNow = pts.length ? pts[pts.length - 1].sev : 'none';
			var rgb = SEV_COLOUR[sevNow] || SEV_COLOUR.critical;
			state.chart = new window.Chart(canvas, {
				type: 'line',
				data: { datasets: [{
					label: t('chart.affected',
					    { unit: unitName(unit) }),
					data: data, stepped: true, spanGaps: false,
					borderColor: 'rgb(' + rgb + ')',
					backgroundColor: 'rgba(' + rgb + ',0.12)',
					fill: true, pointRadius: 2, borderWidth: 2
				}] },
				options: {
					animation: false,
					responsive: true,
					maintainAspectRatio: false,
					parsing: false,
					normalized: true,
					locale: t('lang.locale'),
					scales: {
						x: { type: 'linear', min: start, max: now,
						    afterBuildTicks: function (axis) {
							axis.ticks = timeTicks(start, now,
							    span).map(function (v) {
								return { value: v };
							});
						    },
						    ticks: { maxTicksLimit: 8,
						    callback: function (v) {
							return span > 2 * DAY_MS ?
							    L.tickDay.format(new Date(v)) :
							    L.tickTime.format(new Date(v));
						} } },
						y: { beginAtZero: true, ticks: {
						    callback: function (v) {
							return L.compact.format(v);
						} } }
					},
					plugins: {
						legend: { display: false },
						tooltip: { callbacks: {
							title: function (items) {
								return fmtAbs(items[0].parsed.x);
							},
							label: function (item) {
								return L.num.format(item.parsed.y) +
								    ' ' + unitName(unit);
							}
						} },
						outagedEpisodes: { episodes: eps }
					}
				},
				plugins: [episodePlugin]
			});
			box.setAttribute('data-drawn', 'chart');
		}).catch(function (e) {
			if (e instanceof AuthError)
				return askToken(e.message);
			var note = $('h-note');
			if (note) {
				clear(note);
				note.appendChild(el('p', { class: 'error' }, e.message));
			}
			if ($('history'))
				$('history').setAttribute('data-drawn', 'error');
		});
	}

	/* ---- past alerts (#alerts=past) ------------------------------------ */

	/* The sources that reported on the episode's region and utility
	 * while it lasted (/api/v1/reports). */
	function alertSources(a) {
		var from = parseTime(a.started_at), to = parseTime(a.resolved_at);
		/* reports a little before the start raised it */
		var since = new Date((from || Date.now()) - 3600000).toISOString();
		return getJSON('/reports?limit=1000&region=' +
		    encodeURIComponent(a.region) + '&since=' +
		    encodeURIComponent(since)).then(function (j) {
			var seen = [];
			(j.reports || []).forEach(function (r) {
				var t0 = parseTime(r.observed_at);
				if (r.utility === a.utility && (to === null ||
				    t0 <= to) && seen.indexOf(r.source) < 0)
					seen.push(r.source);
			});
			return seen.sort();
		});
	}

	function showPast(focus) {
		var sec = $('past');
		showView('past');
		document.title = t('past.h') + ' · outaged';
		clear(sec);
		append(sec, [
			el('p', { class: 'back' }, el('a', { href: '#',
			    class: 'backlink' }, t('past.back'))),
			el('h2', { id: 'past-h', tabindex: '-1' }, t('past.h')),
			el('p', { id: 'past-body', class: 'empty' },
			    t('past.loading'))
		]);
		if (focus)
			$('past-h').focus();
		return getJSON(withLang('/alerts?state=resolved&limit=100'))
		    .then(function (j) {
			var list = (j.alerts || []).slice().sort(function (a, b) {
				return (parseTime(b.resolved_at) || 0) -
				    (parseTime(a.resolved_at) || 0);
			});
			var body = $('past-body');
			if (!body)
				return;
			if (list.length === 0) {
				body.textContent = t('past.none');
				return;
			}
			var cells = [];
			var table = el('table', { class: 'dtable pasttable',
			    id: 'past-table' },
			    el('caption', null, t('past.caption')),
			    el('thead', null, el('tr', null, ['region', 'utility',
			    'peak', 'started', 'duration', 'sources']
			    .map(function (k) {
				return el('th', { scope: 'col' }, t('past.' + k));
			}))), el('tbody', null, list.map(function (a) {
				var peak = a.peak_severity || a.severity;
				var src = el('td', { 'data-label': t('past.sources'),
				    class: 'srcs' }, '…');
				cells.push([a, src]);
				var s = parseTime(a.started_at);
				var e = parseTime(a.resolved_at);
				return el('tr', { 'data-past-alert': a.id,
				    'data-alert-region': a.region,
				    'data-alert-utility': a.utility,
				    'data-peak-severity': peak },
				    el('th', { scope: 'row' }, el('a',
				    { href: regionHref(a.region) },
				    regionName(a.region, a.region_name)), ' ',
				    el('span', { class: 'rid' }, a.region)),
				    el('td', { 'data-label': t('past.utility') },
				    uName(a.utility)),
				    el('td', { 'data-label': t('past.peak') },
				    sevBadge(peak), ' ', isNum(a.peak_affected) ?
				    fmtCount(a.peak_affected, false) + ' ' +
				    unitName(alertUnit(a)) : '', isNum(a.peak_percent) ?
				    ' · ' + fmtPct(a.peak_percent, a.peak_affected) :
				    ''),
				    el('td', { 'data-label': t('past.started') },
				    el('time', { datetime: a.started_at, class: 'abs' },
				    fmtAbs(a.started_at))),
				    el('td', { 'data-label': t('past.duration') },
				    s !== null && e !== null ? fmtDuration(e - s) :
				    '—'),
				    src);
			})));
			body.replaceWith(el('div', { class: 'scroll' }, table));
			/* four at a time */
			var i = 0;
			function next() {
				if (i >= cells.length)
					return Promise.resolve();
				var c = cells[i++];
				return alertSources(c[0]).then(function (s) {
					c[1].textContent = s.length ? s.join(', ') : '—';
				}, function () {
					c[1].textContent = '—';
				}).then(next);
			}
			return Promise.all([next(), next(), next(), next()])
			    .then(function () {
				$('past').setAttribute('data-loaded', 'true');
			});
		}).catch(function (e) {
			if (e instanceof AuthError)
				return askToken(e.message);
			var body = $('past-body');
			if (body) {
				body.className = 'error';
				body.textContent = e.message;
			}
		});
	}

	/* ---- regions and sensors ------------------------------------------ */

	function loadInfo() {
		return getJSON(withLang('/regions')).then(function (j) {
			var m = new Map();
			(j.regions || []).forEach(function (r) {
				m.set(r.region, { names: r.names || {}, tile: r.tile ||
				    null, parent: r.parent, unit: r.unit });
			});
			state.info = m;
		}).catch(function (e) {
			if (e instanceof AuthError)
				throw e;
		});
	}

	function loadSensors() {
		return getJSON('/devices').then(function (j) {
			state.sensors = j && j.regions || {};
		}).catch(function () {});
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
		$('regions-loading').textContent = t('token.waiting');
		setNotice([
			el('p', null, t('token.ask'), msg),
			el('form', { class: 'tokenform', onsubmit: function (ev) {
				ev.preventDefault();
				state.token = input.value.trim();
				state.needToken = false;
				$('regions-loading').textContent =
				    t('regions.loading');
				try {
					sessionStorage.setItem('outaged-token',
					    state.token);
				} catch (e) { /* ignore */ }
				setNotice(null);
				loadInfo().then(loadAll);
				startEvents();
				route(false);
			} }, el('label', { for: 'token' }, t('token.label')), input,
			    el('button', { type: 'submit' }, t('token.use')))
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
		var g = state.generatedAt;
		$('updated').textContent = g ? t('updated', { time: fmtAbs(g) }) :
		    '';
	}

	var loading = null;
	function loadAll() {
		if (loading)	/* the one under way may be of another language */
			return loading.then(function () { return loadAll(); });
		loading = Promise.all([getJSON(withLang('/status')),
		    getJSON(withLang('/alerts?state=firing')),
		    loadSensors()]).then(function (res) {
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
			setNotice([el('p', null, t('load.error'),
			    e.message, '. '), el('button', { type: 'button',
			    onclick: function () { loadAll(); } }, t('load.retry'))]);
		}).then(function () {
			loading = null;
		});
		return loading;
	}

	/* ---- live events -------------------------------------------------- */

	function setLive(s) {
		var n = $('live');
		var text = t('live.' + s);
		n.setAttribute('data-state', s);
		n.setAttribute('aria-label', t('live.label', { state: text }));
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
		document.querySelectorAll('time[datetime]:not(.abs)')
		    .forEach(function (n) {
			n.textContent = fmtAgo(n.getAttribute('datetime'));
		});
	}

	document.addEventListener('keydown', function (ev) {
		if (ev.key === 'Escape' && (state.detailId ||
		    state.view === 'past')) {
			ev.preventDefault();
			location.hash = '';
		}
	});
	window.addEventListener('hashchange', function () { route(true); });
	$('home').addEventListener('click', function (ev) {
		ev.preventDefault();
		location.hash = '';
	});

	readFilter();
	$('filters').addEventListener('input', onFilter);
	$('filters').addEventListener('change', onFilter);
	$('filters').addEventListener('submit', function (ev) {
		ev.preventDefault();
	});
	$('filters').addEventListener('reset', function () {
		setTimeout(onFilter, 0);
	});
	$('map').addEventListener('keydown', onMapKey);

	/* a hook for tests and the curious */
	window.outaged = { state: state, setLang: switchLang,
	    lang: function () { return L.code; } };

	loadLangs().then(function () {
		setLang(chooseLang());
		setLive('connecting');
		return loadInfo();
	}).catch(function (e) {
		if (e instanceof AuthError)
			askToken(e.message);
	}).then(function () {
		renderAll();
		loadAll();
		startEvents();
		return route(false);
	}).then(function () {
		$('main').setAttribute('data-lang', L.code);
	});
	setInterval(tick, 60000);
}());

