// Détente dashboard: asks the JSON API, draws the timeline on a canvas, lists the evidence,
// and shows one article with its events highlighted at /doc/{id}. Plain DOM, no libraries;
// every text from the store goes in through textContent, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const VERDICTS = {
  Closer: ['Yes: relations have been more cooperative recently than before.', 'closer'],
  FurtherApart: ['No: relations have been less cooperative recently than before.', 'further'],
  Unchanged: ['Not clearly: the recent period is about as cooperative as the earlier one.', ''],
  TooFew: ['Too few events to compare the recent period with the earlier one.', ''],
};
const QUAD_COLOURS = ['#8fd19e', '#2e9e4f', '#f4a259', '#c8372d'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `YYYYMMDD` as `YYYY-MM-DD`. */
function day(date) {
  const s = String(date).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

function signed(x, digits = 2) {
  return (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(digits);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** GET a JSON API path; throws an Error carrying the API's message and suggestions. */
async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  let body;
  try {
    body = await response.json();
  } catch (_) {
    body = { error: `the server answered ${response.status} ${response.statusText}` };
  }
  if (!response.ok) {
    const error = new Error(body.error || `HTTP ${response.status}`);
    error.suggestions = body.suggestions || [];
    throw error;
  }
  return body;
}

function setStatus(text) {
  $('status').textContent = text;
}

function showError(error, retry) {
  const box = $('error');
  box.replaceChildren(el('p', { text: error.message }));
  if (error.suggestions && error.suggestions.length && retry) {
    const p = el('p', { text: 'Did you mean: ' });
    for (const name of error.suggestions) {
      const button = el('button', { type: 'button', text: name });
      button.addEventListener('click', () => retry(name));
      p.append(button);
    }
    box.append(p);
  }
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').replaceChildren();
}

/** Marks `ranges` ({start, end, cls}, character offsets, non-overlapping after sorting)
 *  of `text`; overlapping ranges after the first are skipped. */
function marked(text, ranges) {
  const out = document.createDocumentFragment();
  let at = 0;
  for (const r of [...ranges].sort((x, y) => x.start - y.start)) {
    if (r.start < at || r.end <= r.start) continue;
    out.append(text.slice(at, r.start));
    out.append(el('mark', { class: r.cls, text: text.slice(r.start, r.end) }));
    at = r.end;
  }
  out.append(text.slice(at));
  return out;
}

/** The sentence of an event with its source's and target's names highlighted. */
function sentenceCell(event) {
  const ranges = [];
  for (const [name, cls] of [[event.source_name, 'src'], [event.target_name, 'tgt']]) {
    if (!name) continue;
    const i = event.text.indexOf(name);
    if (i >= 0) ranges.push({ start: i, end: i + name.length, cls });
  }
  return el('td', { class: 'sentence' }, marked(event.text, ranges));
}

function actorLabel(code, name) {
  return name ? `${name} (${code})` : code || '—';
}

/** A link to an article, named by the last part of its id (ids are often paths). */
function docLink(id, href = `/doc/${encodeURIComponent(id)}`) {
  const short = id.split('/').filter(Boolean).pop() || id;
  return el('a', { href, title: id, 'aria-label': `Read article ${id}`, text: short });
}

function eventRow(event, withLink) {
  const g = event.goldstein;
  const tr = el('tr', {},
    el('td', { text: day(event.date) }),
    el('td', {}, actorLabel(event.source, event.source_name), ' → ',
      actorLabel(event.target, event.target_name)),
    el('td', {}, el('span', { class: 'code', text: event.cameo }), ' ',
      event.plover || ''),
    el('td', { class: 'num ' + (g > 0 ? 'coop' : g < 0 ? 'conf' : ''),
      text: g == null ? '—' : signed(g, 1) }),
    sentenceCell(event));
  if (withLink) {
    const href = `/doc/${encodeURIComponent(event.id)}?sentence=${event.sentence}`;
    tr.append(el('td', {}, docLink(event.id, href)));
  }
  return tr;
}

// ---------------------------------------------------------------- the question

let current = null; // the last answer, for redrawing

async function ask(question) {
  question = question.trim();
  if (!question) return;
  clearError();
  const button = $('ask-button');
  button.disabled = true;
  setStatus('Reading the store…');
  const url = new URL(location.href);
  url.searchParams.set('q', question);
  history.replaceState(null, '', url);
  try {
    const answer = await api(`/api/ask?events=1000&q=${encodeURIComponent(question)}`);
    current = answer;
    render(answer);
    setStatus(`${answer.all.events} events in ${answer.documents} documents.`);
  } catch (error) {
    setStatus('');
    $('results').hidden = true;
    showError(error, (name) => {
      $('question').value = name;
    });
  } finally {
    button.disabled = false;
  }
}

function render(answer) {
  const results = $('results');
  results.dataset.ready = 'false';
  const q = answer.question;
  const [verdict, cls] = VERDICTS[answer.verdict] || [answer.verdict, ''];
  const heading = $('verdict');
  heading.textContent = answer.all.events === 0
    ? `No events between ${q.a.code} and ${q.b.code} are stored.` : verdict;
  heading.className = cls;
  let about = '';
  if (q.topic) {
    about = answer.topic_dropped
      ? ` (no document about ${q.topic.name} has events between them, so all their events are counted)`
      : `, in documents about ${q.topic.name}`;
  }
  $('reading').textContent = `${q.text} — reading “${q.a.name}” as ${q.a.code} and “${q.b.name}” as ${q.b.code}${about}.`;

  const facts = $('facts');
  facts.replaceChildren();
  const fact = (text) => facts.append(el('li', { text }));
  if (answer.all.events > 0) {
    fact(`${answer.all.events} events in ${answer.documents} documents, ${day(answer.all.from)} to ${day(answer.all.to)}: mean Goldstein ${signed(answer.all.goldstein)}, net cooperation ${signed(answer.all.net_cooperation)}.`);
    if (answer.earlier.events > 0 && answer.recent.events > 0) {
      fact(`Earlier (${day(answer.earlier.from)} to ${day(answer.earlier.to)}, ${answer.earlier.events} events): mean Goldstein ${signed(answer.earlier.goldstein)}. Recent (${day(answer.recent.from)} to ${day(answer.recent.to)}, ${answer.recent.events} events): ${signed(answer.recent.goldstein)}.`);
    }
    const t = answer.turning_point;
    if (t) {
      const way = t.after.goldstein > t.before.goldstein ? 'more' : 'less';
      fact(`Turning point: ${t.month}. Relations became ${way} cooperative: mean Goldstein ${signed(t.before.goldstein)} over ${t.before.events} events before, ${signed(t.after.goldstein)} over ${t.after.events} from then on.`);
    }
  }
  $('answer-text').textContent = answer.text;

  results.hidden = false;
  drawChart(answer);
  monthsTable(answer);

  const body = $('evidence-table').tBodies[0];
  body.replaceChildren(...answer.evidence.map((e) => eventRow(e, true)));
  const quotes = $('quotes');
  quotes.replaceChildren(...answer.quotes.map((quote) => el('li', {},
    el('q', { text: quote.text }), ` — ${quote.speaker}`,
    quote.speaker_code ? ` (${quote.speaker_code})` : '', `, ${day(quote.date)}, `,
    docLink(quote.id))));
  $('quotes-box').hidden = answer.quotes.length === 0;
  $('all-count').textContent = `${answer.events.length}${answer.more ? ' (the first)' : ''} events`;
  $('all-table').tBodies[0].replaceChildren(...answer.events.map((e) => eventRow(e, true)));
  results.dataset.ready = 'true';
}

function monthsTable(answer) {
  const body = $('months-table').tBodies[0];
  body.replaceChildren(...answer.months.map((m) => el('tr', {},
    el('td', { text: m.month }), el('td', { class: 'num', text: m.both.events }),
    ...m.both.quad.map((n) => el('td', { class: 'num', text: n })),
    el('td', { class: 'num', text: signed(m.both.goldstein) }),
    el('td', { class: 'num', text: signed(m.both.net_cooperation) }))));
}

// ---------------------------------------------------------------- the chart

/** Every month from the first to the last of `months` (`YYYY-MM`), empty ones included. */
function monthRange(months) {
  if (!months.length) return [];
  const [y0, m0] = months[0].month.split('-').map(Number);
  const [y1, m1] = months[months.length - 1].month.split('-').map(Number);
  const byName = new Map(months.map((m) => [m.month, m.both]));
  const out = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, m = 1) : m++) {
    const name = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ name, y, m, stats: byName.get(name) || null });
  }
  return out;
}

let geometry = null; // slots of the last chart, for the tooltip

function drawChart(answer) {
  const canvas = $('chart');
  const width = canvas.clientWidth || 800;
  const height = canvas.clientHeight || 340;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  g.font = '12px system-ui, sans-serif';

  const months = monthRange(answer.months);
  const left = 44, right = 48, top = 14, bottom = 36;
  const plotW = width - left - right, plotH = height - top - bottom;
  const zero = top + plotH / 2;
  let most = 1;
  for (const m of months) {
    if (!m.stats) continue;
    const q = m.stats.quad;
    most = Math.max(most, q[0] + q[1], q[2] + q[3]);
  }
  const y = (n) => zero - (n / most) * (plotH / 2);
  const yG = (v) => zero - (v / 10) * (plotH / 2);

  // Axes and grid.
  g.strokeStyle = '#dde1e7';
  g.fillStyle = '#5b6472';
  g.lineWidth = 1;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (const n of [most, Math.round(most / 2), 0, -Math.round(most / 2), -most]) {
    g.beginPath();
    g.moveTo(left, y(n));
    g.lineTo(left + plotW, y(n));
    g.stroke();
    g.fillText(String(Math.abs(n)), left - 6, y(n));
  }
  g.textAlign = 'left';
  for (const v of [10, 5, 0, -5, -10]) g.fillText(signed(v, 0), left + plotW + 6, yG(v));
  g.save();
  g.translate(12, zero);
  g.rotate(-Math.PI / 2);
  g.textAlign = 'center';
  g.fillText('events: cooperation ↑  conflict ↓', 0, 0);
  g.restore();
  g.strokeStyle = '#5b6472';
  g.beginPath();
  g.moveTo(left, zero);
  g.lineTo(left + plotW, zero);
  g.stroke();

  // Bars: QC1 and QC2 stacked up, QC3 and QC4 stacked down.
  const slot = months.length ? plotW / months.length : plotW;
  const barW = Math.max(2, Math.min(28, slot * 0.7));
  let bars = 0;
  geometry = { left, slot, months };
  months.forEach((m, i) => {
    if (!m.stats) return;
    const x = left + i * slot + (slot - barW) / 2;
    const q = m.stats.quad;
    const segments = [[0, q[0], 0], [q[0], q[1], 1], [0, -q[2], 2], [-q[2], -q[3], 3]];
    for (const [base, n, k] of segments) {
      if (!n) continue;
      g.fillStyle = QUAD_COLOURS[k];
      const y0 = y(base), y1 = y(base + n);
      g.fillRect(x, Math.min(y0, y1), barW, Math.abs(y1 - y0));
      bars++;
    }
  });

  // Month labels, as many as fit.
  g.fillStyle = '#5b6472';
  g.textAlign = 'center';
  g.textBaseline = 'top';
  // Januaries (and the first month) first, with their year; then other months where
  // they do not crowd a label already placed.
  const placed = [];
  const label = (m, i, text, gap) => {
    const x = left + i * slot + slot / 2;
    if (placed.some((p) => Math.abs(p - x) < gap)) return;
    placed.push(x);
    g.fillText(text, x, top + plotH + 8);
  };
  months.forEach((m, i) => {
    if (m.m === 1 || i === 0) label(m, i, `${MONTHS[m.m - 1]} ${m.y}`, 64);
  });
  const every = Math.max(1, Math.ceil(40 / slot));
  months.forEach((m, i) => {
    if (i % every === 0) label(m, i, MONTHS[m.m - 1], 52);
  });

  // Mean Goldstein line, broken over months without events.
  g.strokeStyle = '#1d2430';
  g.fillStyle = '#1d2430';
  g.lineWidth = 2;
  let drawing = false;
  g.beginPath();
  months.forEach((m, i) => {
    if (!m.stats) {
      drawing = false;
      return;
    }
    const x = left + i * slot + slot / 2, yy = yG(m.stats.goldstein);
    if (drawing) g.lineTo(x, yy); else g.moveTo(x, yy);
    drawing = true;
  });
  g.stroke();
  months.forEach((m, i) => {
    if (!m.stats) return;
    g.beginPath();
    g.arc(left + i * slot + slot / 2, yG(m.stats.goldstein), 2.5, 0, 2 * Math.PI);
    g.fill();
  });

  // The turning point.
  const turn = answer.turning_point && months.findIndex((m) => m.name === answer.turning_point.month);
  if (turn != null && turn >= 0) {
    const x = left + turn * slot;
    g.strokeStyle = '#6a4bc4';
    g.setLineDash([5, 4]);
    g.lineWidth = 1.5;
    g.beginPath();
    g.moveTo(x, top);
    g.lineTo(x, top + plotH);
    g.stroke();
    g.setLineDash([]);
    g.fillStyle = '#6a4bc4';
    g.textAlign = 'left';
    g.textBaseline = 'top';
    g.fillText(`turning point ${answer.turning_point.month}`, x + 4, top);
  }

  canvas.dataset.bars = String(bars);
  canvas.dataset.months = String(months.length);
  const active = months.filter((m) => m.stats).length;
  canvas.setAttribute('aria-label',
    `Bar chart of ${answer.all.events} events over ${months.length} months (${active} with events): cooperation above the axis, conflict below, and the mean Goldstein score as a line. The table below the chart has the numbers.`);
}

function chartTip(event) {
  const tip = $('chart-tip');
  if (!geometry || !geometry.months.length) return;
  const rect = event.target.getBoundingClientRect();
  const i = Math.floor((event.clientX - rect.left - geometry.left) / geometry.slot);
  const m = geometry.months[i];
  if (!m) {
    tip.hidden = true;
    return;
  }
  const s = m.stats;
  tip.textContent = s
    ? `${m.name}: ${s.events} events\ncooperation ${s.quad[0]} verbal, ${s.quad[1]} material\nconflict ${s.quad[2]} verbal, ${s.quad[3]} material\nmean Goldstein ${signed(s.goldstein)}`
    : `${m.name}: no events`;
  tip.style.left = `${Math.min(event.clientX - rect.left + 12, rect.width - 220)}px`;
  tip.style.top = `${event.clientY - rect.top + 12}px`;
  tip.hidden = false;
}

// ---------------------------------------------------------------- one document

/** Byte ranges of `doc.text` to mark: the events' spans, the quotes and the focus sentence. */
function documentRanges(doc, focus) {
  const ranges = [];
  for (const e of doc.events) {
    for (const [span, cls] of [[e.spans.source, 'src'], [e.spans.verb, 'verb'], [e.spans.target, 'tgt']]) {
      if (span) ranges.push({ start: span[0], end: span[1], cls });
    }
    if (focus != null && e.sentence === focus && e.text) {
      const i = doc.text.indexOf(e.text);
      if (i >= 0) {
        const start = encoder.encode(doc.text.slice(0, i)).length;
        ranges.push({ start, end: start + encoder.encode(e.text).length, cls: 'focus' });
      }
    }
  }
  for (const q of doc.quotes) ranges.push({ start: q.start, end: q.end, cls: 'quote' });
  return ranges;
}

/** The text with every range marked; ranges may nest or overlap (byte offsets). */
function markedBytes(text, ranges) {
  const bytes = encoder.encode(text);
  const valid = ranges.filter((r) => r.start >= 0 && r.end <= bytes.length && r.start < r.end);
  const points = new Set([0, bytes.length]);
  for (const r of valid) {
    points.add(r.start);
    points.add(r.end);
  }
  const sorted = [...points].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let k = 0; k + 1 < sorted.length; k++) {
    const [a, b] = [sorted[k], sorted[k + 1]];
    const piece = decoder.decode(bytes.subarray(a, b));
    const classes = [...new Set(valid.filter((r) => r.start <= a && r.end >= b).map((r) => r.cls))];
    out.append(classes.length ? el('span', { class: classes.join(' '), text: piece }) : piece);
  }
  return out;
}

async function showDocument(id) {
  $('dashboard').hidden = true;
  $('docview').hidden = false;
  const focusText = new URL(location.href).searchParams.get('sentence');
  const focus = focusText == null ? null : Number(focusText);
  try {
    const doc = await api('/api/documents/' + encodeURIComponent(id));
    document.title = `${doc.title || doc.id} — Détente`;
    $('doc-title').textContent = doc.title || doc.id;
    const meta = $('doc-meta');
    meta.replaceChildren(`${day(doc.date)} · ${doc.id} · ${doc.events.length} events · ${doc.quotes.length} quotes`);
    if (doc.url && /^https?:\/\//.test(doc.url)) {
      meta.append(' · ', el('a', { href: doc.url, rel: 'noopener noreferrer', text: 'original' }));
    }
    $('doc-text').replaceChildren(markedBytes(doc.text, documentRanges(doc, focus)));
    $('doc-events').tBodies[0].replaceChildren(...doc.events.map((e) => eventRow(e, false)));
    $('doc-quotes').replaceChildren(...doc.quotes.map((q) => el('li', {},
      el('q', { text: q.text }), ` — ${q.speaker}`, q.speaker_code ? ` (${q.speaker_code})` : '')));
    if (!doc.quotes.length) {
      $('doc-quotes').append(el('li', { class: 'muted', text: 'No attributed quotes in this article.' }));
    }
    const first = document.querySelector('#doc-text .focus');
    if (first) first.scrollIntoView({ block: 'center' });
    $('docview').dataset.ready = 'true';
  } catch (error) {
    $('docview').hidden = true;
    $('dashboard').hidden = false;
    $('results').hidden = true;
    showError(error);
  }
}

// ---------------------------------------------------------------- start

async function loadStats() {
  try {
    const s = await api('/api/stats');
    $('store-stats').textContent = `${s.documents} articles · ${s.events} events · ${s.quotes} quotes in the store`;
  } catch (error) {
    $('store-stats').textContent = `The store cannot be read: ${error.message}`;
  }
}

function start() {
  loadStats();
  if (location.pathname.startsWith('/doc/')) {
    showDocument(decodeURIComponent(location.pathname.slice('/doc/'.length)));
    return;
  }
  $('ask-form').addEventListener('submit', (event) => {
    event.preventDefault();
    ask($('question').value);
  });
  $('pick-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const a = $('actor-a').value.trim(), b = $('actor-b').value.trim();
    const topic = $('topic').value.trim();
    if (!a || !b) {
      showError(new Error('Give both actors: a code (USA), a country, a capital or a leader.'));
      return;
    }
    const question = `How are ${a} and ${b} getting on${topic ? ` over ${topic}` : ''}?`;
    $('question').value = question;
    ask(question);
  });
  const canvas = $('chart');
  canvas.addEventListener('mousemove', chartTip);
  canvas.addEventListener('mouseleave', () => { $('chart-tip').hidden = true; });
  let pending = null;
  window.addEventListener('resize', () => {
    clearTimeout(pending);
    pending = setTimeout(() => { if (current && !$('results').hidden) drawChart(current); }, 150);
  });
  const asked = new URL(location.href).searchParams.get('q');
  if (asked) {
    $('question').value = asked;
    ask(asked);
  }
}

document.addEventListener('DOMContentLoaded', start);
