namespace RiskSim.Charts.Report;

// The report's one inline style sheet: screen and A4 print.
public static partial class HtmlReport
{
    private const string Css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f4f4f2; color: #1a1a1a; font: 15px/1.45 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; }
        main { max-width: 190mm; margin: 0 auto; padding: 10mm 12mm 14mm; background: #fff; }
        header { border-bottom: 3px solid #0072B2; margin-bottom: 1em; }
        .kicker { margin: 0; color: #555; font-size: 0.85em; letter-spacing: 0.02em; }
        h1 { font-size: 1.6em; margin: 0.2em 0 0.3em; line-height: 1.2; }
        h2 { font-size: 1.2em; margin: 1.6em 0 0.5em; padding-bottom: 0.15em; border-bottom: 1px solid #ccc; break-after: avoid; }
        h3 { font-size: 1em; margin: 1.2em 0 0.4em; break-after: avoid; }
        .description, .method { color: #333; margin: 0.3em 0 0.8em; }
        .headline { background: #eaf2f8; border-left: 6px solid #0072B2; padding: 0.7em 1em; margin: 1em 0; break-inside: avoid; }
        .headline p { margin: 0.3em 0; }
        .lead { font-size: 1.2em; font-weight: bold; line-height: 1.35; }
        table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.6em; font-size: 0.88em; }
        th, td { text-align: left; vertical-align: top; padding: 0.3em 0.5em; border-bottom: 1px solid #ddd; }
        thead th { border-bottom: 2px solid #888; font-weight: bold; }
        tbody th { font-weight: normal; }
        .num { text-align: right; white-space: nowrap; }
        .fig { white-space: nowrap; }
        thead th.num { white-space: normal; }
        table.figures td { font-weight: bold; }
        tr { break-inside: avoid; }
        tr.rest td { color: #555; font-style: italic; }
        code { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 0.85em; color: #333; overflow-wrap: anywhere; }
        figure { margin: 1em 0 1.4em; break-inside: avoid; }
        figure img { display: block; width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { font-size: 0.85em; color: #333; margin-top: 0.35em; }
        .file { color: #777; }
        .sub { color: #555; font-size: 0.9em; }
        table.risks th[scope=row] { width: 32%; }
        table.inputs td:first-child { width: 30%; }
        .note { font-size: 0.82em; color: #555; }
        .warning { border-left: 4px solid #b35900; background: #fff4e5; padding: 0.4em 0.7em; }
        .provenance td code { font-size: 0.8em; }
        .marking { margin: 0 0 0.6em; text-align: center; font-weight: bold; letter-spacing: 0.08em; border: 2px solid #1a1a1a; padding: 0.2em; }
        .top-risks table th[scope=row] { width: 55%; }
        @page { size: A4; margin: 16mm 13mm 16mm;
          @top-center { font: bold 9pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #000; letter-spacing: 0.08em; }
          @bottom-left { font: 8pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #555; }
          @bottom-center { font: bold 9pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #000; letter-spacing: 0.08em; }
          @bottom-right { font: 8pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #555; }
        }
        @media print {
          body { background: #fff; font-size: 10pt; }
          main { max-width: none; margin: 0; padding: 0; }
          .marking { display: none; }
          .headline { background: #fff; border-left-color: #0072B2; }
          figure img { border: none; max-height: 120mm; object-fit: contain; }
          .summary { font-size: 9.5pt; }
          .summary h2 { margin: 0.9em 0 0.35em; }
          .summary h3 { margin: 0.6em 0 0.3em; }
          .summary th, .summary td { padding: 0.16em 0.45em; }
          .summary .headline { margin: 0.6em 0; padding: 0.45em 0.9em; }
          .summary figure { margin: 0.5em 0 0.6em; }
          .summary-fan figure img { width: auto; max-width: 100%; max-height: 64mm; margin: 0 auto; }
          h2 { break-before: auto; }
          .details { break-before: page; }
          .details > section:first-child h2 { margin-top: 0; }
          figure, .headline, .top-risks table { break-inside: avoid; }
          thead { display: table-header-group; }
        }

        """;
}
