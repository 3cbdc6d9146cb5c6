/**
 * The pages' only stylesheet, served from /assets/gateway.css (the CSP
 * allows no inline style). The département's colours from /theme.css
 * (neutral ones when it is missing), no State brand;
 * the login buttons keep the federations' own dark blue (#000091) and
 * two-line white label, as their guidelines ask (docs/federations.md).
 */
export const STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#161616;background:#fff;line-height:1.5}
.site-header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;border-bottom:4px solid var(--salle-secondary,#5c4b8a);padding:1rem 1.5rem}
.site-logo{height:3.5rem;width:auto}
.site-department{margin:0;max-width:9rem;font-weight:700;line-height:1.25}
a{color:var(--salle-primary,#1f4e79)}
.site-name{margin:0;font-weight:700;font-size:1.25rem}
.site-name a{color:#1e1e1e;text-decoration:none}
.site-tagline{margin:0;color:#3a3a3a}
main{max-width:48rem;margin:0 auto;padding:1.5rem}
h1{font-size:2rem;line-height:1.25}
.login-method{margin:2rem 0}
.separator{display:flex;align-items:center;gap:1rem;color:#3a3a3a;text-transform:uppercase}
.separator::before,.separator::after{content:"";flex:1;border-top:1px solid #ddd}
.connect-group{margin:1rem 0}
.connect{display:inline-flex;flex-direction:column;align-items:flex-start;justify-content:center;min-width:214px;min-height:56px;padding:.5rem 1.5rem;background:#000091;color:#fff;border:0;cursor:pointer;font:inherit;text-align:left}
.connect:hover{background:#1212ff}
.connect:active{background:#2323ff}
.connect:focus-visible{outline:2px solid #0a76f6;outline-offset:2px}
.connect__login{display:block;font-size:.875rem;line-height:1.25}
.connect__brand{display:block;font-size:1.125rem;font-weight:700;line-height:1.25}
.connect-group p{margin:.75rem 0 0;font-size:.875rem}
.connect-group a{color:var(--salle-primary,#1f4e79)}
.roles li,.memberships li{margin:.25rem 0}
.notice{padding:.75rem 1rem;background:#e6eefa;border-left:4px solid var(--salle-primary,#1f4e79)}
.error{padding:1rem 1.25rem;background:#ffe9e9;border-left:4px solid #ce0500}
.actions a,.actions button{margin-right:1rem}
.button{display:inline-block;padding:.5rem 1.5rem;background:var(--salle-primary,#1f4e79);color:#fff;border:0;font:inherit;cursor:pointer;text-decoration:none}
.button:hover{text-decoration:underline}
.site-footer{border-top:1px solid #ddd;padding:1rem 1.5rem;margin-top:2rem}
.site-footer ul{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;margin:0;padding:0}
.reference{color:#525252;font-size:.875rem}
`;
