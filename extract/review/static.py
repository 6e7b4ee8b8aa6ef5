"""The review pages' style and script (inlined in each page: a page works opened from disk)."""

COLOURS = {  # fact table -> highlight colour
    "hoso": "#ffe066", "tthc": "#ffb26b", "par_scores": "#9be39b", "references": "#9fd3ff", "indicators": "#e0b3ff",
}

CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,sans-serif;color:#222;height:100vh;display:flex;flex-direction:column}
header{padding:.5em 1em;border-bottom:1px solid #ccc;background:#f7f7f7}
header h1{font-size:16px;margin:0} header .meta{color:#555;font-size:12px}
main{flex:1;display:flex;min-height:0}
#text{flex:3;overflow:auto;padding:1em 1.5em;font:15px/1.55 "Times New Roman",serif;white-space:pre-wrap}
#images{flex:2;overflow:auto;padding:.5em;background:#e9e9e9;border-left:1px solid #ccc}
#facts{flex:2;overflow:auto;padding:.5em 1em;border-left:1px solid #ccc;font-size:13px}
.pagemark{display:block;color:#999;font:11px sans-serif;margin:.8em 0 .2em;white-space:normal}
.m{border-radius:2px;cursor:pointer}
.m.n2{box-shadow:inset 0 -3px 0 rgba(0,0,0,.35)}
.m.target{text-decoration:underline dashed #1565c0}
.m.off{background:none!important;box-shadow:none;cursor:auto}
.m.sel{background:#ff5a36!important;color:#fff}
table.cells{border-collapse:collapse;margin:.5em 0;white-space:normal;font-size:13px}
table.cells td,table.cells th{border:1px solid #999;padding:2px 4px;vertical-align:top}
table.cells th{background:#f0f0f0}
table.cells.layout td,table.cells.layout th{border:none;background:none}
table.cells tr.between td{border:none;color:#999;font-size:11px;white-space:pre-wrap}
.pageimg{position:relative;margin:0 auto 1em;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.3)}
.pageimg img{display:block;width:100%}
.pageimg .pno{position:absolute;right:4px;top:2px;font-size:11px;color:#999}
.box{position:absolute;border:1.5px solid rgba(0,0,0,.55);opacity:.45;cursor:pointer}
.box.off{display:none}
.box.sel{opacity:1;background:none!important;border:3px solid #ff5a36}
#top{position:sticky;top:-.5em;background:#fff;padding:.4em 0;z-index:2;border-bottom:1px solid #eee}
#controls label{margin-right:.6em;white-space:nowrap}
ol#list .lbl{font-weight:500}
#q{width:100%;margin:.4em 0;padding:3px}
#selected{background:#fff7e0;border:1px solid #f0d890;padding:.4em;margin:.4em 0;display:none}
#selected.on{display:block}
#selected blockquote{margin:.3em 0;font-family:"Times New Roman",serif;font-size:14px}
ol#list{padding-left:2.2em}
ol#list li{margin:.15em 0;cursor:pointer;border-left:6px solid transparent;padding-left:4px}
ol#list li.sel{background:#ffe1d9}
ol#list li.restates{opacity:.7}
ol#list .tag{font-size:11px;color:#555}
.note{color:#777;font-size:12px}
"""

CSS += "".join(f".m.t-{t},.box.t-{t}{{background:{c}}} ol#list li.t-{t}{{border-left-color:{c}}}"
               for t, c in COLOURS.items())

JS = r"""
(function(){
const FT = window.FACT_TABLE, FK = window.FACT_KIND;
const spans = {}, boxes = {};
function index(sel, into){document.querySelectorAll(sel).forEach(el=>{el.dataset.f.split(' ').forEach(id=>{(into[id]=into[id]||[]).push(el);});});}
index('#text .m', spans); index('.box', boxes);
const items = {}; document.querySelectorAll('#list li').forEach(li=>{items[li.dataset.f]=li;});
let current = null;
function visible(id){const li=items[id]; return li && !li.hidden;}
function select(id, scrollText, scrollList){
  document.querySelectorAll('.sel').forEach(el=>el.classList.remove('sel'));
  current = id;
  (spans[id]||[]).forEach(el=>el.classList.add('sel'));
  (boxes[id]||[]).forEach(el=>el.classList.add('sel'));
  const li = items[id]; if(li){li.classList.add('sel'); if(scrollList) li.scrollIntoView({block:'nearest'});}
  if(scrollText && spans[id]) spans[id][0].scrollIntoView({block:'center'});
  if(boxes[id]) boxes[id][0].scrollIntoView({block:'center'});
  const box = document.getElementById('selected');
  box.classList.add('on');
  box.querySelector('.what').textContent = li ? li.dataset.summary : id;
  box.querySelector('blockquote').textContent = li ? li.dataset.quote : '';
  box.querySelector('.where').textContent = (spans[id]||[]).length ? '' : 'not marked in the text (no offsets)';
  document.body.dataset.selected = id;
}
function pick(el){
  const ids = el.dataset.f.split(' ').filter(visible);
  if(!ids.length) return;
  const i = ids.indexOf(current);
  select(ids[(i+1)%ids.length], false, true);
}
document.querySelectorAll('#list li').forEach(li=>li.addEventListener('click',()=>select(li.dataset.f,true,false)));
Object.values(spans).flat().forEach(el=>el.addEventListener('click',()=>pick(el)));
Object.values(boxes).flat().forEach(el=>el.addEventListener('click',()=>pick(el)));
function paint(el, isBox){
  const ids = el.dataset.f.split(' ').filter(visible);
  const base = isBox ? 'box' : 'm';
  const sel = el.classList.contains('sel') ? ' sel' : '';
  if(!ids.length){el.className = base+' off'; return;}
  el.className = base+' t-'+FT[ids[0]]+(ids.length>1?' n2':'')+(ids.some(id=>FK[id]==='target')?' target':'')+sel;
}
function applyFilter(){
  const tables = new Set([...document.querySelectorAll('input[name=table]:checked')].map(x=>x.value));
  const kinds = new Set([...document.querySelectorAll('input[name=kind]:checked')].map(x=>x.value));
  const hideRestated = document.getElementById('norestates').checked;
  const q = document.getElementById('q').value.trim().toLowerCase();
  let n = 0;
  Object.values(items).forEach(li=>{
    const ok = tables.has(li.dataset.table) && kinds.has(li.dataset.kind) && !(hideRestated && li.classList.contains('restates'))
      && (!q || li.dataset.search.includes(q));
    li.hidden = !ok; if(ok) n++;
  });
  document.querySelectorAll('#text .m').forEach(el=>paint(el,false));
  document.querySelectorAll('.box').forEach(el=>paint(el,true));
  document.getElementById('shown').textContent = n;
}
document.querySelectorAll('#controls input').forEach(x=>x.addEventListener('input',applyFilter));
applyFilter();
const h = location.hash.match(/^#fact-(\d+)$/); if(h) select(h[1], true, true);
})();
"""

INDEX_JS = r"""
(function(){
const rows=[...document.querySelectorAll('#docs tbody tr')];
function apply(){
  const q=document.getElementById('q').value.trim().toLowerCase();
  const st=document.getElementById('status').value, fm=document.getElementById('format').value;
  const prim=document.getElementById('primary').checked; let n=0;
  rows.forEach(r=>{const ok=(!q||r.dataset.search.includes(q))&&(!st||r.dataset.status===st)&&(!fm||r.dataset.format===fm)
    &&(!prim||r.dataset.primary==='1'); r.hidden=!ok; if(ok)n++;});
  document.getElementById('shown').textContent=n;
}
document.querySelectorAll('#controls input,#controls select').forEach(x=>x.addEventListener('input',apply));
apply();
})();
"""
