import { ProfileSummary } from '../../profiles/views/profile-summary.tsx';
import { Layout } from '../../../../views/layout.tsx';
import { AreaMap, MapLegend, type MapShape, type AreaGeometry } from '../../../maps/index.ts';
import type { CustomAreaContext, PickableBuurt } from '../custom-area.service.ts';
import { MIN_INHABITANTS } from '../custom-area.service.ts';
import { REFERENCE_KEYS, type AreaSelection } from '../../profile.types.ts';
import { ProfileSection, type ProfileThemeView } from '../../profiles/views/profile-section.tsx';

export interface CustomAreaPageProps {
  ctx: CustomAreaContext;
  /** Outlines of the municipality's buurten, for the map; empty when none are shipped. */
  geometry: ReadonlyMap<string, AreaGeometry>;
  chosen: readonly string[];
  name: string;
  /** Why the set was refused, shown above the form. */
  refusal?: string;
  /** Ready-made starting points, e.g. the buurten of Dordt West. */
  startingPoints: { label: string; buurtCodes: readonly string[] }[];
  result?: { selection: AreaSelection; inhabitants: number; themes: ProfileThemeView[] };
  /** The municipalities a visitor can switch to (those of the focus areas). */
  municipalities?: { code: string; name: string }[];
  downloadQuery?: string;
}

/** The comparison columns beside a custom area. */
export const CUSTOM_AREA_REFERENCES = REFERENCE_KEYS.filter((k) => k !== 'nplv');

const count = (n: number) => n.toLocaleString('nl-NL');

function query(codes: readonly string[]): string {
  return codes.map((c) => `buurt=${encodeURIComponent(c)}`).join('&');
}

function BuurtCheckbox({ buurt, checked }: { buurt: PickableBuurt; checked: boolean }) {
  const id = `buurt-${buurt.code}`;
  return (
    <li class="wk-picker__item">
      <input
        class="utrecht-checkbox utrecht-checkbox--html-input"
        type="checkbox"
        id={id}
        name="buurt"
        value={buurt.code}
        checked={checked}
        data-inwoners={buurt.inhabitants ?? 0}
      />{' '}
      <label class="utrecht-form-label wk-picker__label" for={id}>
        {buurt.name}
        <span class="wk-cell-note">
          {buurt.inhabitants === null
            ? 'aantal inwoners nog niet geladen'
            : `${count(buurt.inhabitants)} inwoners`}
        </span>
      </label>
    </li>
  );
}

function PickerMap({
  ctx,
  geometry,
  chosen,
}: Pick<CustomAreaPageProps, 'ctx' | 'geometry'> & {
  chosen: ReadonlySet<string>;
}) {
  const shapes: MapShape[] = ctx.buurten.flatMap((b) => {
    const g = geometry.get(b.code);
    if (!g) return [];
    const on = chosen.has(b.code);
    return [
      {
        code: b.code,
        geometry: g,
        className: `wk-map__buurt ${on ? 'wk-map__buurt--lid' : 'wk-map__buurt--overig'}`,
        title: `${b.name}: ${on ? 'gekozen' : 'niet gekozen'}`,
      },
    ];
  });
  if (shapes.length === 0) return null;
  const mapId = 'kaart-eigen-gebied';
  return (
    <figure class="wk-figure">
      <div class="wk-map-frame">
        <AreaMap
          id={mapId}
          title={`Kaart van de buurten van ${ctx.municipalityName}`}
          description={`De gekozen buurten zijn donker gekleurd: ${
            ctx.buurten
              .filter((b) => chosen.has(b.code))
              .map((b) => b.name)
              .join(', ') || 'nog geen'
          }. De lijst met vinkjes hieronder geeft dezelfde buurten.`}
          shapes={shapes}
          height={420}
          padding={12}
        />
      </div>
      <figcaption>
        <MapLegend
          mapId={mapId}
          heading="Legenda"
          items={[
            { label: 'Gekozen buurt', className: 'wk-map__buurt wk-map__buurt--lid' },
            { label: 'Niet gekozen', className: 'wk-map__buurt wk-map__buurt--overig' },
          ]}
        />
        <p class="utrecht-paragraph wk-muted" data-js-hint hidden>
          U kunt ook op een buurt in de kaart klikken om hem te kiezen of weg te halen.
        </p>
      </figcaption>
    </figure>
  );
}

/** The buurt picker (a plain GET form) and, once a set passes the rules, its profile. */
export function CustomAreaPage(props: CustomAreaPageProps) {
  const { ctx, result, refusal } = props;
  const chosen = new Set(props.chosen);
  const wijken = new Map<string, PickableBuurt[]>();
  for (const b of ctx.buurten) {
    const list = wijken.get(b.wijkName) ?? [];
    list.push(b);
    wijken.set(b.wijkName, list);
  }
  const heading = result ? result.selection.name : 'Eigen gebied samenstellen';
  // The page title names the area and its municipality, as on every profile.
  const title = `${heading} in ${ctx.municipalityName}`;
  return (
    <Layout
      title={title}
      description={
        result
          ? `Cijfers over ${result.selection.name} in ${ctx.municipalityName}, een gebied dat u zelf hebt samengesteld uit ${ctx.level === 'wijk' ? 'wijken' : 'buurten'}.`
          : `Kies zelf ${ctx.level === 'wijk' ? 'wijken' : 'buurten'} in ${ctx.municipalityName} en krijg dezelfde cijfers als voor een focusgebied.`
      }
      scripts={['buurt-picker.js']}
      breadcrumbs={[{ href: '/', label: 'Focusgebieden' }]}
    >
      <h1 class="utrecht-heading-1">{heading}</h1>
      <p class="utrecht-paragraph">
        {`Kies zelf ${ctx.level === 'wijk' ? 'wijken' : 'buurten'} in ${ctx.municipalityName}. U krijgt dan dezelfde cijfers als voor een focusgebied. Uw gebied moet samen minstens ${count(MIN_INHABITANTS)} inwoners hebben. `}
        <a class="utrecht-link" href="/methode#eigen-gebied">
          Waarom?
        </a>
      </p>
      {refusal && (
        <div class="utrecht-alert utrecht-alert--error" role="alert" id="weigering">
          <div class="utrecht-alert__content">
            <h2 class="utrecht-heading-2">Dit gebied kunnen wij niet tonen</h2>
            <p class="utrecht-paragraph">{refusal}</p>
          </div>
        </div>
      )}
      {result && (
        <section class="wk-stack" aria-labelledby="uitkomst">
          <h2 class="utrecht-heading-2" id="uitkomst">
            {`${result.selection.buurtCodes.length} ${ctx.level === 'wijk' ? 'wijken' : 'buurten'}, samen ${count(result.inhabitants)} inwoners`}
          </h2>
          <p class="utrecht-paragraph">
            {`${ctx.level === 'wijk' ? 'Wijken' : 'Buurten'}: ${ctx.buurten
              .filter((b) => chosen.has(b.code))
              .map((b) => b.name)
              .join(
                ', ',
              )}. Vergeleken met de rest van ${ctx.municipalityName}, de gemeente en Nederland.`}
          </p>
          <ProfileSummary themes={result.themes} areaName="Uw gebied" />
          <ProfileSection
            themes={result.themes}
            // An area of your own is no focus area: the NPLV average says nothing about it, and it
            // has no targets (so no target column either).
            references={CUSTOM_AREA_REFERENCES}
            {...(props.downloadQuery ? { downloads: `/eigen-gebied?${props.downloadQuery}` } : {})}
          />
        </section>
      )}
      {(props.municipalities ?? []).length > 1 && (
        <p class="utrecht-paragraph" data-gemeenten>
          {'Andere gemeente: '}
          {(props.municipalities ?? [])
            .filter((m) => m.code !== ctx.municipalityCode)
            .map((m, i) => (
              <>
                {i > 0 && ', '}
                <a class="utrecht-link" href={`/eigen-gebied?gemeente=${m.code}`}>
                  {m.name}
                </a>
              </>
            ))}
        </p>
      )}
      <form method="get" action="/eigen-gebied" class="wk-stack" data-module="buurt-picker">
        <input type="hidden" name="gemeente" value={ctx.municipalityCode} />
        <h2 class="utrecht-heading-2">
          {`${result ? 'Aanpassen' : 'Kies'}: ${ctx.level === 'wijk' ? 'wijken' : 'buurten'}`}
        </h2>
        {props.startingPoints.length > 0 && (
          <p class="utrecht-paragraph">
            {'Begin met: '}
            {props.startingPoints.map((s, i) => (
              <>
                {i > 0 && ', '}
                <a class="utrecht-link" href={`/eigen-gebied?${query(s.buurtCodes)}`}>
                  {s.label}
                </a>
              </>
            ))}
          </p>
        )}
        <PickerMap ctx={ctx} geometry={props.geometry} chosen={chosen} />
        <p class="utrecht-paragraph" aria-live="polite" data-picker-status>
          {`Gekozen: ${chosen.size} ${ctx.level === 'wijk' ? 'wijken' : 'buurten'}.`}
        </p>
        <div class="wk-picker">
          {[...wijken].map(([wijk, buurten]) => (
            <fieldset class="utrecht-form-fieldset wk-picker__wijk">
              <legend class="utrecht-form-fieldset__legend">{`Wijk ${wijk}`}</legend>
              <ul class="wk-picker__list">
                {buurten.map((b) => (
                  <BuurtCheckbox buurt={b} checked={chosen.has(b.code)} />
                ))}
              </ul>
            </fieldset>
          ))}
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="naam">
            Naam van uw gebied (mag leeg blijven)
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="naam"
            name="naam"
            type="text"
            maxLength={80}
            value={props.name}
          />
        </div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          Toon de cijfers
        </button>
      </form>
    </Layout>
  );
}
