import type { ComponentChildren } from 'preact';
import { assetUrl } from '../shared/assets.ts';
import { AccountSlot } from './account-menu.tsx';
import { Breadcrumbs, type Breadcrumb } from './components/breadcrumbs.tsx';

/** The description of a page that does not give its own (the workspace, error pages). */
export const DEFAULT_DESCRIPTION =
  'Wijkkompas geeft cijfers over wonen, veiligheid, gezondheid en meedoen in de NPLV-focusgebieden, met bron en uitleg bij elk cijfer.';

export interface LayoutProps {
  title: string;
  /** One or two short B1 sentences for search engines and link previews: what this page shows. */
  description?: string;
  children: ComponentChildren;
  /** Module scripts under /assets/js that enhance this page; the page works without them. */
  scripts?: string[];
  /**
   * The trail above the page. Mark the crumb that is this page itself with `current` (it gets
   * aria-current="page"); some trails end at the parent page, so this is not assumed.
   */
  breadcrumbs?: Breadcrumb[];
  /** Extra elements in <head>, such as a progress page's meta refresh. */
  head?: ComponentChildren;
  /**
   * A page for a survey respondent: the frame (language, skip link, menu, footer) in their
   * language, with their own menu and footer instead of the monitor's (no figures, no "Bron").
   */
  respondent?: RespondentFrame;
}

export type { Breadcrumb };

export interface RespondentFrame {
  language: string;
  dir: 'ltr' | 'rtl';
  skipLink: string;
  menuLabel: string;
  menu: { href: string; label: string }[];
  footer: ComponentChildren;
}

export function Layout(props: LayoutProps) {
  if (props.respondent) return <RespondentLayout {...props} respondent={props.respondent} />;
  return <MonitorLayout {...props} />;
}

/** The frame of a survey page: the same head and header, the respondent's language. */
function RespondentLayout({
  title,
  description,
  children,
  head,
  respondent: r,
}: LayoutProps & { respondent: RespondentFrame }) {
  return (
    <html lang={r.language} dir={r.dir} class="utrecht-theme wk-theme">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Wijkkompas`}</title>
        <meta name="description" content={description ?? DEFAULT_DESCRIPTION} />
        <link rel="icon" href={assetUrl('img/favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('vendor/design-tokens.css')} />
        <link rel="stylesheet" href={assetUrl('vendor/component-library.css')} />
        <link rel="stylesheet" href={assetUrl('css/wijkkompas.css')} />
        {head}
      </head>
      <body class="utrecht-page-body utrecht-body">
        <a class="wk-skip-link utrecht-link" href="#inhoud">
          {r.skipLink}
        </a>
        <header class="wk-header">
          <div class="wk-container">
            <span class="wk-brand">Wijkkompas</span>
            <nav aria-label={r.menuLabel} class="wk-nav">
              <ul>
                {r.menu.map((m) => (
                  <li>
                    <a class="utrecht-link" href={m.href}>
                      {m.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <AccountSlot />
          </div>
        </header>
        <main id="inhoud" class="wk-container" tabIndex={-1}>
          {children}
        </main>
        <footer class="wk-footer">
          <div class="wk-container">{r.footer}</div>
        </footer>
      </body>
    </html>
  );
}

function MonitorLayout({
  title,
  description,
  children,
  scripts = [],
  breadcrumbs = [],
  head,
}: LayoutProps) {
  return (
    <html lang="nl" class="utrecht-theme wk-theme">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Wijkkompas`}</title>
        <meta name="description" content={description ?? DEFAULT_DESCRIPTION} />
        <link rel="icon" href={assetUrl('img/favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('vendor/design-tokens.css')} />
        <link rel="stylesheet" href={assetUrl('vendor/component-library.css')} />
        <link rel="stylesheet" href={assetUrl('css/wijkkompas.css')} />
        {scripts.map((s) => (
          <script type="module" src={assetUrl(`js/${s}`)} defer />
        ))}
        {head}
      </head>
      <body class="utrecht-page-body utrecht-body">
        <a class="wk-skip-link utrecht-link" href="#inhoud">
          Ga direct naar de inhoud
        </a>
        <header class="wk-header">
          <div class="wk-container">
            <a class="wk-brand" href="/">
              Wijkkompas
            </a>
            <nav aria-label="Hoofdmenu" class="wk-nav">
              <ul>
                <li>
                  <a class="utrecht-link" href="/">
                    Focusgebieden
                  </a>
                </li>
                <li>
                  <a class="utrecht-link" href="/gebieden/dordt-west">
                    Dordt West
                  </a>
                </li>
                <li>
                  <a class="utrecht-link" href="/eigen-gebied">
                    Eigen gebied
                  </a>
                </li>
                <li>
                  <a class="utrecht-link" href="/bronnen">
                    Bronnen
                  </a>
                </li>
                <li>
                  <a class="utrecht-link" href="/methode">
                    Hoe wij rekenen
                  </a>
                </li>
              </ul>
            </nav>
            <AccountSlot />
          </div>
        </header>
        <Breadcrumbs items={breadcrumbs} />
        <main id="inhoud" class="wk-container" tabIndex={-1}>
          {children}
        </main>
        <footer class="wk-footer">
          <div class="wk-container">
            <p class="utrecht-paragraph">
              Cijfers: Bron: CBS (Kerncijfers wijken en buurten; Politie via CBS), Kadaster/CBS
              wijk- en buurtkaart via PDOK. Licentie{' '}
              <a class="utrecht-link" href="https://creativecommons.org/licenses/by/4.0/deed.nl">
                CC BY 4.0
              </a>
              . Zie{' '}
              <a class="utrecht-link" href="/bronnen">
                alle bronnen
              </a>
              .
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
