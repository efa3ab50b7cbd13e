// The preview page: one panel per stream on /api/streams, its HLS playing through hls.js (served
// from the same jar), the source's matching frame beside it (while gvc.raw-gops still holds it), and
// line charts of the per-GOP points, redrawn every second.
// window.gvcPreview exposes the state the browser test reads: players, errors, the number of points
// each chart drew, and the source frames shown.
(function () {
  'use strict';
  const state = { streams: {}, errors: [], chartPoints: {} };
  window.gvcPreview = state;

  const CHARTS = [
    { key: 'bpp', title: 'bits per pixel', series: [['bpp', '#6cf']] },
    { key: 'bits', title: 'bits per GOP', series: [['bits', '#fc6']] },
    { key: 'psnr', title: 'PSNR-Y (dB, encoder)', series: [['psnrY', '#8e8']] },
    // readable here (read_committed) vs the dashboard's release latency (before the commit)
    { key: 'latency', title: 'latency ms', series: [['latencyP50Ms', '#6cf', 'p50'], ['latencyP99Ms', '#f66', 'p99'],
      ['dashboardLatencyP50Ms', '#396', 'Flink p50'], ['dashboardLatencyP99Ms', '#c6c', 'Flink p99']] },
    { key: 'deadLetters', title: 'dead letters', series: [['deadLettersTotal', '#f96', 'topic'],
      ['dashboardDeadLetters', '#c9c', 'Flink']] },
  ];

  function panel(s) {
    const div = document.createElement('section');
    div.className = 'panel';
    div.id = 'stream-' + s.id;
    div.innerHTML = '<h2></h2><div class="row"><figure><video muted autoplay playsinline controls></video>' +
      '<figcaption>decoded</figcaption></figure><figure><img class="source" alt="source frame">' +
      '<figcaption class="source-caption">source: waiting for the video</figcaption></figure>' +
      '<div class="facts"></div></div><div class="charts"></div>';
    div.querySelector('h2').textContent = s.id + '  ' + s.width + 'x' + s.height + ' @ ' + s.fps.toFixed(2) + ' fps';
    const charts = div.querySelector('.charts');
    for (const c of CHARTS) {
      const canvas = document.createElement('canvas');
      canvas.width = 300; canvas.height = 150;
      canvas.dataset.chart = c.key;
      charts.appendChild(canvas);
    }
    document.getElementById('streams').appendChild(div);
    const video = div.querySelector('video');
    const entry = { panel: div, video: video, hls: null, fatalErrors: [], stream: s,
      source: { img: div.querySelector('img.source'), caption: div.querySelector('.source-caption'),
        frame: null, loaded: null, shown: 0, missing: 0 } };
    entry.source.img.addEventListener('load', function () {
      // the frame of the picture now shown (a later request may still be on its way)
      entry.source.loaded = Number(new URL(entry.source.img.currentSrc).searchParams.get('frame'));
      entry.source.shown++;
      entry.source.caption.textContent = 'source frame ' + entry.source.loaded;
    });
    entry.source.img.addEventListener('error', function () {
      entry.source.missing++;
      entry.source.caption.textContent = 'source frame ' + entry.source.frame + ' no longer retained (raw topic)';
    });
    if (window.Hls && Hls.isSupported()) {
      const hls = new Hls({ liveSyncDurationCount: 3 });
      hls.on(Hls.Events.ERROR, function (ev, data) {
        if (data.fatal) {
          entry.fatalErrors.push(data.type + ': ' + data.details);
          state.errors.push(s.id + ' ' + data.type + ': ' + data.details);
          if (data.type === Hls.ErrorTypes.MEDIA_ERROR) { hls.recoverMediaError(); }
        }
      });
      hls.loadSource(s.playlist);
      hls.attachMedia(video);
      entry.hls = hls;
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = s.playlist; // Safari plays HLS natively
    } else {
      state.errors.push(s.id + ': this browser has neither MSE (for hls.js) nor native HLS');
    }
    video.addEventListener('error', function () {
      state.errors.push(s.id + ' video element: ' + (video.error ? video.error.code + ' ' + video.error.message : '?'));
    });
    video.play().catch(function () { /* autoplay of a muted video is allowed; retried by the attribute */ });
    state.streams[s.id] = entry;
    state.chartPoints[s.id] = {};
    return entry;
  }

  // The frame the video shows: the hls.js fragment (= our segment, by media sequence) that holds
  // currentTime, and the position within it. Segments list their first frame on /api/streams.
  function playingFrame(entry) {
    const hls = entry.hls, s = entry.stream, t = entry.video.currentTime;
    if (!hls || !hls.levels || hls.levels.length === 0 || !s.segmentList) { return null; }
    const level = hls.levels[hls.currentLevel >= 0 ? hls.currentLevel : 0];
    const frags = level && level.details ? level.details.fragments : [];
    // a video that waits at the end of what is buffered stands at its last fragment's very end
    const f = frags.find(function (x) { return t >= x.start && t < x.start + x.duration; }) ||
      frags.find(function (x) { return t >= x.start && t <= x.start + x.duration + 0.05; });
    if (!f) { return null; }
    const seg = s.segmentList.find(function (x) { return x.sequence === f.sn; });
    if (!seg) { return null; }
    const within = Math.floor((t - f.start) / f.duration * seg.frames + 1e-6);
    return seg.firstFrame + Math.min(seg.frames - 1, Math.max(0, within));
  }

  function showSource(entry) {
    const src = entry.source;
    if (entry.video.paused && src.frame !== null) { return; }
    const frame = playingFrame(entry);
    if (frame === null || frame === src.frame) { return; }
    src.frame = frame;
    src.img.src = entry.stream.source + '?frame=' + frame;
  }

  function drawChart(canvas, chart, points, counts) {
    const g = canvas.getContext('2d');
    const w = canvas.width, h = canvas.height, left = 52, top = 18, bottom = 18, right = 6;
    g.clearRect(0, 0, w, h);
    g.fillStyle = '#bbb'; g.font = '11px sans-serif';
    g.fillText(chart.title, left, 12);
    let lo = Infinity, hi = -Infinity, n = 0;
    for (const [field] of chart.series) {
      for (const p of points) {
        const v = p[field];
        if (v !== null && v !== undefined && isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); n++; }
      }
    }
    counts[chart.key] = n;
    if (n === 0) { g.fillStyle = '#666'; g.fillText('no points yet', left + 70, h / 2); return; }
    if (hi === lo) { hi += 1; lo -= lo === 0 ? 0 : 1; }
    const x0 = points[0].gopSeq, x1 = Math.max(points[points.length - 1].gopSeq, x0 + 1);
    const X = function (x) { return left + (w - left - right) * (x - x0) / (x1 - x0); };
    const Y = function (y) { return h - bottom - (h - top - bottom) * (y - lo) / (hi - lo); };
    g.strokeStyle = '#333'; g.beginPath(); g.moveTo(left, top); g.lineTo(left, h - bottom); g.lineTo(w - right, h - bottom); g.stroke();
    g.fillStyle = '#999';
    g.fillText(fmt(hi), 2, top + 8); g.fillText(fmt(lo), 2, h - bottom);
    g.fillText('GOP ' + x0, left, h - 4); g.fillText('GOP ' + points[points.length - 1].gopSeq, w - 60, h - 4);
    let legendX = left + 62;
    for (const [field, colour, label] of chart.series) {
      const pts = points.filter(function (p) { return p[field] !== null && p[field] !== undefined; });
      if (pts.length === 0) { continue; }
      g.strokeStyle = colour; g.fillStyle = colour; g.beginPath();
      pts.forEach(function (p, i) { const x = X(p.gopSeq), y = Y(p[field]); if (i) { g.lineTo(x, y); } else { g.moveTo(x, y); } });
      g.stroke();
      pts.forEach(function (p) { g.fillRect(X(p.gopSeq) - 1.5, Y(p[field]) - 1.5, 3, 3); });
      if (label) { g.fillText(label, legendX, 12); legendX += g.measureText(label).width + 8; }
    }
  }

  function fmt(v) {
    const a = Math.abs(v);
    return a >= 1000 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 0.1 ? v.toFixed(3) : v.toPrecision(2);
  }

  function facts(s, entry) {
    const last = s.points[s.points.length - 1] || {};
    const v = entry.video;
    return 'segments ' + s.segments + '   frames ' + s.frames + '\n' +
      'last GOP ' + (last.gopSeq === undefined ? '-' : last.gopSeq) + '   bpp ' + (last.bpp == null ? '-' : last.bpp.toFixed(4)) +
      '   PSNR-Y ' + (last.psnrY == null ? '-' : last.psnrY.toFixed(2)) + ' dB\n' +
      'latency p50 ' + (last.latencyP50Ms == null ? '-' : last.latencyP50Ms) + ' ms   p99 ' +
      (last.latencyP99Ms == null ? '-' : last.latencyP99Ms) + ' ms\n' +
      'dead letters ' + s.deadLetters + '   source frames held ' + s.sourceFrames + '\n' +
      'playing at ' + v.currentTime.toFixed(2) + ' s' + (v.error ? '   media error ' + v.error.code : '') + '\n' +
      'playlist ' + s.playlist;
  }

  async function refresh() {
    try {
      const r = await fetch('api/streams', { cache: 'no-store' });
      const body = await r.json();
      const flink = document.getElementById('flink');
      if (body.flinkDashboard) {
        flink.innerHTML = '';
        const a = document.createElement('a');
        a.href = body.flinkDashboard; a.textContent = 'Flink dashboard'; a.target = '_blank';
        const jobs = document.createElement('a');
        jobs.href = body.flinkDashboard.replace(/\/$/, '') + '/#/job/running'; jobs.textContent = 'running jobs'; jobs.target = '_blank';
        flink.append(a, ' | ', jobs, body.flinkReachable ? ' (metrics from its REST API)' : ' (not answering: figures from the records only)');
      }
      document.getElementById('status').textContent = body.streams.length + ' stream(s)';
      for (const s of body.streams) {
        const entry = state.streams[s.id] || panel(s);
        entry.stream = s;
        entry.panel.querySelector('.facts').textContent = facts(s, entry);
        for (const canvas of entry.panel.querySelectorAll('canvas')) {
          const chart = CHARTS.find(function (c) { return c.key === canvas.dataset.chart; });
          drawChart(canvas, chart, s.points, state.chartPoints[s.id]);
        }
      }
    } catch (e) {
      document.getElementById('status').textContent = 'cannot reach the service: ' + e;
    }
  }
  refresh();
  setInterval(refresh, 1000);
  setInterval(function () { for (const id in state.streams) { showSource(state.streams[id]); } }, 500);
})();
