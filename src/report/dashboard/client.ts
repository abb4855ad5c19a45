/**
 * The one script of report.html (allowed by its hash in the CSP). It reads the findings from the JSON block
 * (findings-data.ts), filters them, and renders one page of rows at a time, grouped by check with the check's
 * remediation once per group. Every value goes in through textContent: resource names, messages and tags are
 * attacker-controlled. The search waits for a pause in typing (150 ms) before it filters, so typing never waits
 * for the table. No backtick or dollar-brace below: this is a template literal.
 */
export const CLIENT_JS = `
(function(){
  var el=function(id){return document.getElementById(id);};
  var D=JSON.parse(el('report-data').textContent);
  var C=D.c,R=D.r,T=D.t,F=D.f,ST=['FAIL','ERROR','PASS'],CL=['ephi','not-ephi','unknown'],SV=['critical','high','medium','low','informational'],PAGE=100;
  var ids=['filter-status','filter-severity','filter-service','filter-region','filter-hipaa','filter-classification','search'];
  var svc=C.map(function(c){return c[0].split('.')[0];});
  var hay=null,shown=[],page=0,timer=null;
  function haystack(){
    if(hay)return hay;
    hay=new Array(F.length);
    for(var i=0;i<F.length;i++){var f=F[i],c=C[f[0]];
      hay[i]=(c[0]+' '+c[1]+' '+T[f[3]]+' '+f[4]+' '+f[5]+' '+f[6]+' '+R[f[2]]+' '+c[4].join(' ')+(f[9]===0?' ephi':'')+(f[12]?' '+f[12]:'')).toLowerCase();}
    return hay;
  }
  function matches(){
    var st=el('filter-status').value,sev=el('filter-severity').value,sv=el('filter-service').value,
        reg=el('filter-region').value,hip=el('filter-hipaa').value,cl=el('filter-classification').value,q=el('search').value.trim().toLowerCase();
    var h=q?haystack():null,stc=st&&st!=='suppressed'?ST.indexOf(st):-1,out=[];
    for(var i=0;i<F.length;i++){
      var f=F[i],c=C[f[0]];
      if(st==='suppressed'?f[7]===null:(stc>=0&&f[1]!==stc))continue;
      if(sev&&(f[10]||c[2])!==sev)continue;
      if(cl&&CL[f[9]]!==cl)continue;
      if(sv&&svc[f[0]]!==sv)continue;
      if(reg&&R[f[2]]!==reg)continue;
      if(hip&&c[3].indexOf(hip)<0)continue;
      if(q&&h[i].indexOf(q)<0)continue;
      out.push(i);
    }
    return out;
  }
  function node(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!==undefined&&text!==null)e.textContent=String(text);return e;}
  function chip(kind,value,muted){return node('span','chip '+kind+'-'+String(value).toLowerCase()+(muted?' muted':''),value);}
  function groupRow(ci,n){
    var c=C[ci],tr=node('tr','check-row'),td=node('td');td.colSpan=4;
    var head=node('div','g-head');
    head.appendChild(chip('sev',c[2]));head.appendChild(node('span','g-title',c[1]));
    head.appendChild(node('code','g-check',c[0]));head.appendChild(node('span','g-count',n+(n===1?' finding':' findings')));
    td.appendChild(head);
    var tags=node('div','f-tags');
    c[3].forEach(function(x){tags.appendChild(node('span','tag hipaa',x));});
    c[4].forEach(function(x){var t=node('span','tag ctl',x);t.title='AWS Security Hub control';tags.appendChild(t);});
    td.appendChild(tags);
    var d=node('details','fix');d.appendChild(node('summary',null,'Remediation'));d.appendChild(node('p',null,c[5]));
    if(c[6]&&/^https:\\/\\//i.test(c[6])){var a=node('a','remediation-link','AWS documentation');a.href=c[6];a.target='_blank';a.rel='noopener noreferrer';d.appendChild(a);}
    else if(c[7])d.appendChild(node('span','small url',c[7]));
    td.appendChild(d);tr.appendChild(td);return tr;
  }
  function row(i){
    var f=F[i],c=C[f[0]],st=ST[f[1]],tr=node('tr','finding'+(f[7]!==null?' is-suppressed':''));
    tr.setAttribute('data-status',st);
    var a=node('td');a.appendChild(chip('st',st));tr.appendChild(a);
    var b=node('td');b.appendChild(chip('sev',f[10]||c[2],st!=='FAIL'));
    if(f[10])b.appendChild(SV.indexOf(f[10])<SV.indexOf(c[2])?node('div','raised','raised from '+c[2]+' (ePHI)'):node('div','own-sev','check: '+c[2]));tr.appendChild(b);
    var m=node('td','fcell'),res=node('div','res');
    res.appendChild(node('span','res-id',f[4]));res.appendChild(node('span','res-type',T[f[3]]));res.appendChild(node('span','res-region',R[f[2]]));
    if(f[9]===0)res.appendChild(chip('cls','ePHI'));else if(f[9]===2){var u=chip('cls','unknown');u.title='its tags could not be read: it may hold ePHI';res.appendChild(u);}
    m.appendChild(res);m.appendChild(node('p','f-msg',f[6]));m.appendChild(node('div','res-arn',f[5]));
    if(f[7]!==null){var s=node('div','sup-note');s.appendChild(node('span','chip sup','suppressed'));s.appendChild(document.createTextNode(' '));
      s.appendChild(node('span','reason',f[7]));if(f[8])s.appendChild(node('span','muted',' (until '+f[8]+')'));
      if(f[11])s.appendChild(node('span','sup-by',' approved by '+f[11]));if(f[12])s.appendChild(node('span','sup-ticket',' ticket '+f[12]));m.appendChild(s);}
    tr.appendChild(m);tr.appendChild(node('td','nowrap region',R[f[2]]));
    return tr;
  }
  function render(){
    var pages=Math.max(1,Math.ceil(shown.length/PAGE));if(page>=pages)page=pages-1;if(page<0)page=0;
    var start=page*PAGE,end=Math.min(shown.length,start+PAGE),last=-1,per={},frag=document.createDocumentFragment();
    for(var k=0;k<shown.length;k++){var ck=F[shown[k]][0];per[ck]=(per[ck]||0)+1;}
    for(var j=start;j<end;j++){var i=shown[j],ci=F[i][0];if(ci!==last){frag.appendChild(groupRow(ci,per[ci]));last=ci;}frag.appendChild(row(i));}
    var tb=el('findings-body');tb.textContent='';tb.appendChild(frag);
    el('shown-count').textContent=shown.length+' of '+F.length+' findings shown';
    el('no-match').hidden=shown.length>0||F.length===0;
    el('pager').hidden=pages<2;
    el('page-info').textContent='Page '+(page+1)+' of '+pages+' (findings '+(shown.length?start+1:0)+'-'+end+')';
    el('page-prev').disabled=page===0;el('page-next').disabled=page>=pages-1;
  }
  function apply(){if(timer){clearTimeout(timer);timer=null;}shown=matches();page=0;render();}
  function later(){if(timer)clearTimeout(timer);timer=setTimeout(apply,150);}
  function reset(){ids.forEach(function(id){el(id).value='';});}
  ids.forEach(function(id){
    var e=el(id);
    if(id==='search'){e.addEventListener('input',later);e.addEventListener('search',apply);
      e.addEventListener('keydown',function(ev){if(ev.key==='Enter')apply();});}
    else e.addEventListener('change',apply);
  });
  function turn(d){page+=d;render();var card=el('findings-card');if(card&&card.scrollIntoView)card.scrollIntoView({block:'start'});}
  el('page-prev').addEventListener('click',function(){turn(-1);});
  el('page-next').addEventListener('click',function(){turn(1);});
  Array.prototype.slice.call(document.querySelectorAll('button[data-filter]')).forEach(function(b){
    b.addEventListener('click',function(){
      reset();
      var st=b.getAttribute('data-status');if(st)el('filter-status').value=st;
      el(b.getAttribute('data-filter')).value=b.getAttribute('data-value');
      apply();
      var card=el('findings-card');if(card&&card.scrollIntoView)card.scrollIntoView({block:'start'});
    });
  });
  el('reset-filters').addEventListener('click',function(){reset();apply();});
  apply();
})();`;
