/// The dossier's Mustache template (hummingbird-project/swift-mustache): `{{x}}` escapes HTML,
/// `{{{x}}}` inserts the SVG charts drawn by ``SVGChart`` (which escape their own text).
enum DossierTemplate {
    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="generator" content="{{tool}}">
        <title>Dossier: {{coin}} ({{attestationId}})</title>
        <style>
        @page { size: A4; margin: 14mm 12mm; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111;
               margin: 0 auto; max-width: 190mm; }
        h1 { font-size: 16pt; margin: 0 0 2mm; }
        h2 { font-size: 12pt; border-bottom: 1px solid #999; margin: 6mm 0 2mm; break-after: avoid; }
        h3 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
        table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
        th, td { border: 1px solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
        th { background: #eef2f6; }
        table.findings { table-layout: fixed; }
        col.c1 { width: 10%; } col.c2 { width: 20%; } col.c3 { width: 30%; }
        col.c4 { width: 12%; } col.c5 { width: 17%; } col.c6 { width: 11%; }
        .rule { white-space: nowrap; font-size: 8pt; }
        tr, figure, .verdict { break-inside: avoid; }
        .verdict { padding: 3mm 4mm; border: 2px solid; margin: 3mm 0; }
        .eligible { border-color: #1e8449; background: #eafaf1; }
        .not-eligible { border-color: #c0392b; background: #fdedec; }
        .verdict strong { font-size: 14pt; }
        .status-fail, .status-insufficient-data { color: #c0392b; font-weight: bold; }
        .status-warn { color: #b9770e; }
        .status-pass { color: #1e8449; }
        .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
        figure { margin: 2mm 0; }
        figure svg { max-width: 100%; height: auto; }
        .muted { color: #555; }
        dl { display: grid; grid-template-columns: 38mm 1fr; gap: 0.5mm 3mm; margin: 0; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        </style>
        </head>
        <body>
        <header>
        <h1>{{coin}}</h1>
        <div class="muted">Attestation {{attestationId}} #{{sequence}}, as of {{asOf}}, issued {{issuedAt}} ·
        evaluated at {{evaluatedAt}} by {{tool}}</div>
        </header>

        <section class="verdict {{#eligible}}eligible{{/eligible}}{{^eligible}}not-eligible{{/eligible}}">
        <strong>{{verdictText}}</strong> under {{profile}}<br>
        {{#hasBlocking}}Blocked by: {{blocking}}<br>{{/hasBlocking}}
        Coverage {{coverage}}, worst stressed coverage {{stressedCoverage}} · {{failures}} gating or data findings<br>
        Capital: {{capital}}
        {{#notes}}<br>Note: {{.}}{{/notes}}
        </section>

        <h2>Findings (failures first)</h2>
        <table class="findings">
        <colgroup><col class="c1"><col class="c2"><col class="c3"><col class="c4"><col class="c5"><col class="c6">
        </colgroup>
        <thead><tr><th>Status</th><th>Rule</th><th>Key figure</th><th>Margin</th><th>Source / reference</th>
        <th>Basis</th></tr></thead>
        <tbody>
        {{#findings}}
        <tr><td class="status-{{status}}">{{status}}</td>
        <td><b class="rule">{{rule}}</b><br><span class="muted">{{gating}}</span></td>
        <td>{{message}}</td><td>{{margin}}</td>
        <td>{{#hasSource}}{{source}}{{/hasSource}}{{^hasSource}}{{reference}}{{/hasSource}}</td><td>{{basis}}</td></tr>
        {{/findings}}
        </tbody>
        </table>

        <h2>Stress scenarios</h2>
        {{#hasStress}}
        <p class="muted">Redemption risk test (RRT-OC), stress table {{stressTable}}:
        net reserves after each scenario.</p>
        <table>
        <thead><tr><th>Scenario</th><th>Loss</th><th>Stressed net reserves</th><th>Coverage</th>
        <th>Defaulted counterparty</th></tr></thead>
        <tbody>
        {{#stress}}<tr><td>{{name}}</td><td>{{loss}}</td><td>{{net}}</td><td>{{coverage}}</td>
        <td>{{defaulted}}</td></tr>
        {{/stress}}
        </tbody>
        </table>
        {{#hasLossByLine}}
        <h3>Market scenario: loss by reserve line</h3>
        <table>
        <thead><tr><th>Line</th><th>Class</th><th>Value</th><th>Loss</th></tr></thead>
        <tbody>
        {{#lossByLine}}<tr><td>{{id}}</td><td>{{class}}</td><td>{{value}}</td><td>{{loss}}</td></tr>
        {{/lossByLine}}
        </tbody>
        </table>
        {{/hasLossByLine}}
        {{/hasStress}}
        {{^hasStress}}<p>The evaluation holds no stress table (RRT-OC did not run on this attestation).</p>
        {{/hasStress}}

        <h2>Reserve composition</h2>
        <figure>{{{chartClass}}}</figure>
        <figure>{{{chartCurrency}}}</figure>
        <figure>{{{chartCustody}}}</figure>
        <figure>{{{chartMaturity}}}</figure>

        <h2>History in the ledger</h2>
        <figure>{{{chartHistory}}}</figure>
        {{#hasHistory}}
        <table>
        <thead><tr><th>Evaluation</th><th>Evaluated at</th><th>As of</th><th>Profile</th><th>Verdict</th>
        <th>Coverage</th>
        <th>Worst stressed</th></tr></thead>
        <tbody>
        {{#history}}<tr><td>{{evaluation}}</td><td>{{evaluatedAt}}</td><td>{{asOf}}</td><td>{{profile}}</td>
        <td>{{verdict}}</td>
        <td>{{coverage}}</td><td>{{stressed}}</td></tr>
        {{/history}}
        </tbody>
        </table>
        {{/hasHistory}}
        {{^hasHistory}}<p>No evaluation of this coin in the ledger.</p>{{/hasHistory}}

        <h2>Signatures, digests and ledger position</h2>
        <table>
        <thead><tr><th>#</th><th>Role</th><th>Key id (SHA-256 of the public key)</th><th>Algorithm</th>
        <th>Key validity</th><th>Status</th></tr></thead>
        <tbody>
        {{#signatures}}<tr><td>{{index}}</td><td>{{role}}</td><td class="mono">{{keyid}}</td><td>{{algorithm}}</td>
        <td>{{validity}}</td>
        <td class="status-{{status}}">{{status}}<br><span class="muted">{{reason}}</span></td></tr>
        {{/signatures}}
        </tbody>
        </table>
        <p>Keys judged at {{keysJudgedAt}} ({{keysJudgedAtSource}}: the earliest time the verifier can prove the
        signatures existed). RFC 3161 timestamp: {{timestamp}}.</p>
        <h3>Digests</h3>
        <dl>
        <dt>Payload</dt><dd class="mono">{{digest}}</dd>
        <dt>Envelope ({{envelope}})</dt><dd class="mono">sha256:{{envelopeSha256}}</dd>
        <dt>Input</dt><dd class="mono">{{source}}</dd>
        </dl>
        <h3>Ledger</h3>
        {{#ledger}}
        <dl>
        <dt>Ledger</dt><dd class="mono">{{path}}</dd>
        <dt>Latest evaluation of this attestation</dt><dd>{{evaluation}}</dd>
        <dt>Its row hash</dt><dd class="mono">{{rowHash}}</dd>
        <dt>Chain head</dt><dd class="mono">{{headEvaluations}} evaluations, {{headHash}}</dd>
        <dt>Latest checkpoint</dt><dd class="mono">{{checkpoint}}</dd>
        </dl>
        {{/ledger}}
        {{^ledger}}<p>No ledger was read for this dossier.</p>{{/ledger}}
        <p class="muted">Made by {{tool}} from the same evaluation as <code>verify --format json</code>. This page holds
        no script and loads nothing.</p>
        </body>
        </html>

        """
}
