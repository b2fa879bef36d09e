// adalab interactive figure: draws the runs over the static layer painted by XChart.
// FIG: rows, steps (differences), sliders, start, panels (axis maps, plot areas, colours),
// cells[frame][panel][series] = {x, y}, each {q, d: first value then differences, null = gap}.
function adalabFigure(root, FIG) {
  if (!root || root.adalabFigure) return;
  var rows = FIG.rows, steps = [], s = 0, i;
  for (i = 0; i < rows; i++) { s += FIG.steps[i]; steps.push(s); }
  function decode(c, a, b, log, stepX) {
    var out = new Float32Array(rows), k = 0, j;
    for (j = 0; j < rows; j++) {
      if (stepX) { out[j] = log ? (steps[j] > 0 ? a + b * Math.log10(steps[j]) : NaN) : a + b * steps[j]; continue; }
      var d = c.d[j];
      if (d === null) { out[j] = NaN; continue; }
      k += d; out[j] = a + b * k * c.q;
    }
    return out;
  }
  var panels = [], imgs = root.querySelectorAll('.af-img'), canvases = root.querySelectorAll('.af-canvas');
  FIG.panels.forEach(function (p, n) {
    var m = p.map;
    panels.push({ p: p, ctx: canvases[n].getContext('2d'), canvas: canvases[n],
      frames: FIG.cells.map(function (cell) {
        return cell[n].map(function (sr) {
          return { x: decode(sr.x, m[0], m[1], false, p.stepX), y: decode(sr.y, m[2], m[3], false, false) };
        });
      }) });
    imgs[n].src = imgs[n].getAttribute('data-still');
    canvases[n].style.display = 'block';
  });
  var controls = root.querySelector('.af-controls'), stepInput = root.querySelector('.af-step'),
      playButton = root.querySelector('.af-play'), readout = root.querySelector('.af-readout'),
      params = root.querySelectorAll('.af-param'), values = root.querySelectorAll('.af-value');
  controls.style.display = 'flex';
  var sel = [FIG.start[0], FIG.start[1]], row = rows - 1, playing = false, t0 = 0, raf = 0;
  var n2 = FIG.sliders.length > 1 ? FIG.sliders[1].labels.length : 1;
  for (i = 0; i < params.length; i++) params[i].value = sel[i];
  if (stepInput) { stepInput.max = rows - 1; stepInput.value = row; }
  var state = { draws: 0, lastMs: 0, maxMs: 0, row: row, cell: 0 };
  root.adalabFigure = state;

  function label() {
    var parts = [];
    FIG.sliders.forEach(function (sl, k) { parts.push(sl.name + ' = ' + sl.labels[sel[k]]); });
    if (FIG.play) parts.push(FIG.unit + ' ' + steps[row]);
    return parts.join('   ');
  }
  function drawPanel(P, frame, n) {
    var ctx = P.ctx, a = P.p.area, w = P.canvas.width, h = P.canvas.height;
    ctx.clearRect(0, 0, w, h);
    ctx.save();
    ctx.beginPath(); ctx.rect(a[0], a[1], a[2], a[3]); ctx.clip();
    ctx.lineWidth = 2; ctx.lineCap = 'round'; ctx.lineJoin = 'round';
    P.frames[frame].forEach(function (sr, si) {
      var colour = P.p.colours[si % P.p.colours.length], x = sr.x, y = sr.y, j, pen = false, first = -1, last = -1;
      ctx.strokeStyle = colour; ctx.fillStyle = colour;
      ctx.beginPath();
      for (j = 0; j <= row; j++) {
        if (x[j] !== x[j] || y[j] !== y[j]) { pen = false; continue; }
        if (pen) ctx.lineTo(x[j], y[j]); else { ctx.moveTo(x[j], y[j]); pen = true; }
        if (first < 0) first = j;
        last = j;
      }
      ctx.stroke();
      if (rows <= 120) {
        for (j = 0; j <= row; j++) if (x[j] === x[j] && y[j] === y[j]) { ctx.beginPath(); ctx.arc(x[j], y[j], 2.6, 0, 6.2832); ctx.fill(); }
      }
      if (!P.p.stepX && first >= 0) {
        ctx.beginPath(); ctx.arc(x[first], y[first], 5.5, 0, 6.2832);
        ctx.fillStyle = '#fff'; ctx.fill(); ctx.lineWidth = 2; ctx.stroke(); ctx.fillStyle = colour;
      }
      // Where the run is now: the legend's end square on a path, a dot on a curve.
      if (last >= 0 && P.p.stepX) { ctx.beginPath(); ctx.arc(x[last], y[last], 4, 0, 6.2832); ctx.fill(); }
      else if (last >= 0) ctx.fillRect(x[last] - 5, y[last] - 5, 10, 10);
    });
    if (n === 0) {
      var text = label();
      if (text) {
        ctx.font = 'bold 14px sans-serif';
        var tw = ctx.measureText(text).width;
        ctx.fillStyle = 'rgba(255,255,255,0.85)';
        ctx.fillRect(a[0] + 4, a[1] + 4, tw + 12, 22);
        ctx.fillStyle = '#222'; ctx.textBaseline = 'middle';
        ctx.fillText(text, a[0] + 10, a[1] + 15);
      }
    }
    ctx.restore();
  }
  function draw() {
    var t = performance.now(), frame = sel[0] * n2 + sel[1];
    panels.forEach(function (P, n) { drawPanel(P, frame, n); });
    if (readout) readout.textContent = FIG.unit + ' ' + steps[row] + ' / ' + steps[rows - 1];
    for (var k = 0; k < values.length; k++) values[k].textContent = FIG.sliders[k].labels[sel[k]];
    var ms = performance.now() - t;
    state.draws++; state.lastMs = ms; state.maxMs = Math.max(state.maxMs, ms); state.row = row; state.cell = frame;
  }
  function tick(now) {
    if (!playing) return;
    var r = Math.min(rows - 1, Math.floor((now - t0) / (FIG.seconds * 1000) * (rows - 1)));
    if (r !== row) { row = r; stepInput.value = row; draw(); }
    if (row >= rows - 1) { stop(); return; }
    raf = requestAnimationFrame(tick);
  }
  function stop() { playing = false; if (playButton) playButton.textContent = '\u25b6 play'; cancelAnimationFrame(raf); }
  if (playButton) playButton.addEventListener('click', function () {
    if (playing) { stop(); return; }
    if (row >= rows - 1) row = 0;
    playing = true; playButton.textContent = '\u275a\u275a pause';
    t0 = performance.now() - row / Math.max(1, rows - 1) * FIG.seconds * 1000;
    raf = requestAnimationFrame(tick);
  });
  if (stepInput) stepInput.addEventListener('input', function () { stop(); row = +stepInput.value; draw(); });
  for (i = 0; i < params.length; i++) params[i].addEventListener('input', function (e) {
    sel[+e.target.getAttribute('data-k')] = +e.target.value; draw();
  });
  draw();
}
