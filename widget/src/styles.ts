/**
 * Everything lives in the shadow root: `:host { all: initial }` stops the page's inherited styles
 * (font, colour, line-height) leaking in, and nothing here can leak out.
 */
export const styles = `
:host{all:initial;position:fixed;z-index:2147483000;bottom:0;right:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;--p:#2563eb;--pt:#fff}
:host([data-position=bottom-left]){right:auto;left:0}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,textarea{font:inherit;color:inherit}
:focus-visible{outline:3px solid var(--p);outline-offset:2px}
.launcher{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border:0;border-radius:50%;background:var(--p);color:var(--pt);cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:grid;place-items:center;transition:transform .15s}
:host([data-position=bottom-left]) .launcher{right:auto;left:20px}
.launcher:hover{transform:scale(1.06)}
.launcher svg{width:28px;height:28px;fill:currentColor}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#d1242f;color:#fff;font-size:12px;line-height:20px;text-align:center}
.panel{position:fixed;bottom:88px;right:20px;width:370px;height:min(600px,calc(100vh - 108px));display:flex;flex-direction:column;background:#fff;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.25);overflow:hidden;animation:in .18s ease-out}
:host([data-position=bottom-left]) .panel{right:auto;left:20px}
@keyframes in{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}
.head{display:flex;align-items:center;gap:8px;padding:14px 16px;background:var(--p);color:var(--pt)}
.head h2{flex:1;margin:0;font-size:16px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.close{border:0;background:transparent;color:inherit;cursor:pointer;width:32px;height:32px;border-radius:6px;font-size:22px;line-height:1}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:8px;background:#f6f8fa}
.welcome{margin:0 0 4px;color:#59636e;font-size:14px;text-align:center}
.msg{position:relative;max-width:85%;padding:8px 12px;border-radius:12px;background:#fff;border:1px solid #d8dee4;white-space:pre-wrap;overflow-wrap:anywhere;align-self:flex-start}
.msg[data-role=visitor]{align-self:flex-end;background:var(--p);color:var(--pt);border-color:transparent}
.msg[data-role=system]{align-self:center;background:transparent;border:0;color:#59636e;font-size:13px;text-align:center}
.msg[data-role=operator]{border-color:var(--p)}
.msg[data-state=pending]{opacity:.65}
.msg[data-state=failed]{background:#fff;color:#d1242f;border:1px solid #d1242f;cursor:pointer}
.msg::before{content:attr(data-author);position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.msg[data-note]::after{content:attr(data-note);display:block;margin-top:2px;font-size:12px}
.typing,.status{padding:4px 16px;font-size:13px;color:#59636e;background:#f6f8fa}
.dots span{display:inline-block;width:6px;height:6px;margin-right:3px;border-radius:50%;background:#8c959f;animation:b 1s infinite}
.dots span:nth-child(2){animation-delay:.15s}.dots span:nth-child(3){animation-delay:.3s}
@keyframes b{50%{transform:translateY(-4px)}}
.compose{display:flex;gap:8px;padding:10px;border-top:1px solid #d8dee4;background:#fff}
.compose textarea{flex:1;resize:none;min-height:40px;max-height:120px;padding:9px 10px;border:1px solid #d8dee4;border-radius:8px;background:#fff}
.send{border:0;border-radius:8px;padding:0 14px;background:var(--p);color:var(--pt);cursor:pointer;font-weight:600}
.send:disabled{opacity:.5;cursor:default}
@media (max-width:479px){.panel,:host([data-position]) .panel{inset:0;width:100%;height:100%;max-height:none;border-radius:0}:host([data-open]) .launcher{display:none}}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important}}
`;
