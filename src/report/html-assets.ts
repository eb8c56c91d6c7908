/**
 * The only style and script of report.html, inline, and the Content-Security-Policy that allows
 * exactly them by sha256 (CSP level 2 hash sources): no other script or style runs, nothing loads
 * from the network (`default-src 'none'`), the favicon is a data: URL so the browser asks no
 * server for one. Both are constants, so their hashes are computed once; no report data ever
 * enters the script (it reads the page's own data-* attributes).
 * Trap: a CSP hash covers the element's exact text, so the `<style>`/`<script>` content must be
 * written as hashed (no templating, no trimming by a later step).
 */
import { createHash } from 'node:crypto';

export const STYLE = `
:root{--pass:#1e6b34;--pass-bg:#e3f2e6;--fail:#a50e0e;--fail-bg:#fde4e4;--err:#7a4a00;--err-bg:#ffefc2;--skip:#555;--skip-bg:#ececec;--line:#d0d4d9;--muted:#5a6270;--link:#0b57d0}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:16px 20px 48px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1b1f24;background:#fff}
a{color:var(--link)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}h3{font-size:15px;margin:18px 0 6px}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.verdict{display:inline-block;padding:2px 10px;border-radius:4px;font-weight:700;letter-spacing:.02em}
.verdict.failed{background:var(--fail-bg);color:var(--fail)}.verdict.passed{background:var(--pass-bg);color:var(--pass)}
.meta{color:var(--muted);margin:4px 0}.meta span+span::before{content:" · "}
nav.toc{margin:10px 0;display:flex;gap:14px;flex-wrap:wrap}
.recommend{margin:10px 0;padding:8px 12px;border-left:4px solid var(--line);background:#f7f8fa}
.recommend.hold{border-color:var(--fail)}.recommend.land-when-watched{border-color:#c77700}.recommend.land-any-time{border-color:var(--pass)}
.matrices{display:flex;flex-wrap:wrap;gap:0 28px;align-items:flex-start}.matrices>section.check{max-width:100%}
.legend{display:flex;gap:12px;flex-wrap:wrap;margin:6px 0 10px;color:var(--muted)}
.counts{font-weight:400;color:var(--muted);font-size:13px}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse}
table.matrix th,table.matrix td{border:1px solid var(--line);padding:2px 6px;white-space:nowrap}
table.matrix thead th{position:sticky;top:0;background:#f7f8fa;font-weight:600;font-size:12.5px}
table.matrix tbody th{text-align:left;font-weight:500;position:sticky;left:0;background:#fff}
td.st{text-align:center;font-size:12.5px;min-width:64px}
td.st a{color:inherit;text-decoration:none;display:block}td.st a:hover{text-decoration:underline}
.st-pass{background:var(--pass-bg);color:var(--pass)}.st-fail{background:var(--fail-bg);color:var(--fail);font-weight:700}
.st-error{background:var(--err-bg);color:var(--err);font-weight:700}.st-skip{background:var(--skip-bg);color:var(--skip)}.st-none{color:#9aa0a6}
.legend .st{padding:1px 6px;border:1px solid var(--line)}
form.filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;padding:8px 10px;background:#f7f8fa;border:1px solid var(--line);border-radius:4px;position:sticky;top:0;z-index:2}
form.filters select{font:inherit;max-width:260px}
section.file{margin:14px 0;content-visibility:auto;contain-intrinsic-size:auto 300px}
section.file>h3{margin:0 0 4px;font-size:14px}section.file>h3 .counts{margin-left:8px}
ol.findings{list-style:none;margin:0;padding:0;border-top:1px solid var(--line)}
li.finding{padding:6px 4px 6px 10px;border-bottom:1px solid var(--line);border-left:4px solid transparent}
li.finding.sev-error{border-left-color:var(--fail)}li.finding.sev-warning{border-left-color:#c77700}li.finding.sev-info{border-left-color:#8a94a6}
li.finding[hidden],section.file[hidden]{display:none}
.fhead{display:flex;gap:10px;flex-wrap:wrap;align-items:baseline}
.sev{font-weight:700;font-size:12px;text-transform:uppercase}.sev-error .sev{color:var(--fail)}.sev-warning .sev{color:#8a5300}.sev-info .sev{color:var(--muted)}
.tg{color:var(--muted);font-size:12.5px}
.msg{margin:3px 0}.fix{margin:3px 0}.fix b{color:var(--pass)}
details>summary{cursor:pointer;color:var(--muted);font-size:12.5px}
details pre,pre.patch,pre.brief{white-space:pre-wrap;word-break:break-word;background:#f7f8fa;border:1px solid var(--line);padding:6px 8px;margin:4px 0;max-height:420px;overflow:auto}
pre.patch .add{color:var(--pass);background:var(--pass-bg)}pre.patch .del{color:var(--fail);background:var(--fail-bg)}pre.patch .hunk{color:#6639ba}
table.plain th,table.plain td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
table.plain th{background:#f7f8fa}
.risk-high{color:var(--fail);font-weight:700}.risk-medium{color:#8a5300;font-weight:700}.risk-low{color:var(--pass)}
.empty{color:var(--muted);font-style:italic}
@media print{form.filters,nav.toc{display:none}body{max-width:none;padding:0}section.file{content-visibility:visible}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}table.matrix thead th,table.matrix tbody th{position:static}a{color:inherit}}
`;

// Filters without a server: the form is shown only when this script runs (no script, no dead
// controls); it hides findings by their data-* attributes and file sections left empty. A matrix
// cell also sets the filters to its check, module and target before its link jumps.
export const SCRIPT = `
(function(){
var form=document.getElementById('filters');if(!form)return;form.hidden=false;
var items=document.querySelectorAll('li.finding'),files=document.querySelectorAll('section.file'),shown=document.getElementById('shown');
function apply(){var c=form.elements.check.value,s=form.elements.severity.value,m=form.elements.module.value,t=form.elements.target.value,n=0,i;
for(i=0;i<items.length;i++){var d=items[i].dataset,ok=(!c||d.check===c)&&(!s||d.sev===s)&&(!m||d.module===m)&&(!t||(' '+d.targets+' ').indexOf(' '+t+' ')>=0);items[i].hidden=!ok;if(ok)n++;}
for(i=0;i<files.length;i++){files[i].hidden=!files[i].querySelector('li.finding:not([hidden])');}
shown.textContent=n+' of '+items.length+' shown';}
form.addEventListener('change',apply);form.addEventListener('submit',function(e){e.preventDefault();});
form.addEventListener('reset',function(){setTimeout(apply,0);});
document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('td.st a[data-check]');if(!a)return;
form.elements.check.value=a.dataset.check;form.elements.module.value=a.dataset.module;form.elements.target.value=a.dataset.target;form.elements.severity.value='';apply();});
apply();})();
`;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy for the page: only the inline style and script above, no network. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(SCRIPT)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
