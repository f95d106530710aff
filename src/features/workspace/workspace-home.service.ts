import {
  NATIONAL_CODE,
  ROLE_LABELS,
  grantProblem,
  isAllowed,
  type Grant,
  type Permission,
} from '../accounts/index.ts';

export interface HomeLink {
  href: string;
  label: string;
  /** One short B1 phrase: what you do there. */
  hint: string;
}

export interface HomeSection {
  /** GMxxxx, or NL00 for the national programme. */
  code: string;
  /** "Gemeente Dordrecht", "Landelijk programma". */
  title: string;
  /** The user's roles here, as Dutch labels. */
  roles: string[];
  links: HomeLink[];
}

export interface WorkspaceHome {
  userName: string;
  sections: HomeSection[];
  /** Links for every signed-in user, whatever the role. */
  always: HomeLink[];
}

/** What the home needs to read; the composition root binds it to the repository. */
export interface WorkspaceHomeSource {
  municipalityNames(codes: readonly string[]): Promise<Map<string, string>>;
  focusAreasOf(municipalityCode: string): Promise<{ slug: string; name: string }[]>;
}

/**
 * The workspace home: for each municipality (and the national programme) in which the user has a
 * role, the pages that role may open. A link appears only when permissions.ts lets the user open
 * it, so the home never leads to a refusal (test: every link on the home of every role opens).
 */
export class WorkspaceHomeService {
  constructor(private readonly source: WorkspaceHomeSource) {}

  async forUser(user: { name: string; grants: readonly Grant[] }): Promise<WorkspaceHome> {
    const valid = user.grants.filter((g) => grantProblem(g) === null);
    const codes = [...new Set(valid.map((g) => g.municipalityCode))].sort();
    const municipal = codes.filter((c) => c !== NATIONAL_CODE);
    const names = await this.source.municipalityNames(municipal);
    const sections: HomeSection[] = [];
    for (const code of codes) {
      const roles = valid
        .filter((g) => g.municipalityCode === code)
        .map((g) => ROLE_LABELS[g.role]);
      if (code === NATIONAL_CODE) {
        sections.push({
          code,
          title: 'Landelijk programma',
          roles,
          links: this.nationalLinks(user.grants),
        });
        continue;
      }
      const focusAreas = await this.source.focusAreasOf(code);
      sections.push({
        code,
        title: `Gemeente ${names.get(code) ?? code}`,
        roles,
        links: this.municipalLinks(user.grants, code, focusAreas),
      });
    }
    return { userName: user.name, sections, always: this.alwaysLinks(user.grants) };
  }

  private municipalLinks(
    grants: readonly Grant[],
    code: string,
    focusAreas: { slug: string; name: string }[],
  ): HomeLink[] {
    const can = (p: Permission) => isAllowed(grants, p, code);
    const links: HomeLink[] = [];
    if (can('focus-areas:edit'))
      links.push({
        href: `/werkruimte/${code}/focusgebieden`,
        label: 'Focusgebieden',
        hint: 'welke buurten erbij horen, met kaart en versies',
      });
    if (can('targets:edit'))
      for (const a of focusAreas)
        links.push({
          href: `/werkruimte/${code}/doelen/${a.slug}`,
          label: `Doelen van ${a.name}`,
          hint: 'een doel per indicator',
        });
    if (can('data:import'))
      links.push({
        href: `/werkruimte/${code}/data`,
        label: 'Gegevens',
        hint: 'bestanden inlezen en datasets bekijken',
      });
    links.push({
      href: `/werkruimte/${code}/enquetes`,
      label: 'Enquêtes',
      hint: surveyHint(can),
    });
    if (can('participation:read'))
      links.push({
        href: `/werkruimte/${code}/bijeenkomsten`,
        label: 'Bijeenkomsten',
        hint: 'kennissessies plannen, aanwezigen en inbreng vastleggen',
      });
    if (can('coding:read'))
      for (const a of focusAreas)
        links.push({
          href: `/werkruimte/${code}/coderen/${a.slug}`,
          label: `Coderen: ${a.name}`,
          hint: 'codeboek, inbreng van bijeenkomsten coderen, overeenstemming (kappa)',
        });
    if (can('synthesis:read'))
      for (const a of focusAreas)
        links.push({
          href: `/werkruimte/${code}/themakaart/${a.slug}`,
          label: `Themakaart ${a.name}`,
          hint: 'per thema cijfers, enquêtes, professionals en kennissessies naast elkaar, met rangorde',
        });
    if (can('contours:read'))
      for (const a of focusAreas)
        links.push({
          href: `/werkruimte/${code}/contouren/${a.slug}`,
          label: `Contouren programma ${a.name}`,
          hint: can('contours:edit')
            ? 'hoofdthema’s, ambities, doelen en acties opstellen, met onderbouwing'
            : 'hoofdthema’s, ambities, doelen en acties, met onderbouwing',
        });
    if (can('budget:read'))
      links.push({
        href: `/werkruimte/${code}/programma`,
        label: 'Begroting, subsidies en projecten',
        hint: 'programmabureau, plan en realisatie, aanvragen met deadlines',
      });
    if (can('alliance:read'))
      for (const a of focusAreas)
        links.push({
          href: `/werkruimte/${code}/alliantie/${a.slug}`,
          label: `Alliantie ${a.name}`,
          hint: 'leden, vergaderingen, besluiten, acties en afspraken met het Rijk',
        });
    if (can('council-letter:read'))
      for (const a of focusAreas)
        links.push({
          href: `/werkruimte/${code}/raadsbrieven/${a.slug}`,
          label: `Raadsinformatie ${a.name}`,
          hint: 'raadsinformatiebrieven met cijfers uit Wijkkompas, planning van raadsmomenten',
        });
    if (can('users:manage'))
      links.push({
        href: `/beheer/${code}/gebruikers`,
        label: 'Gebruikers',
        hint: 'wie mag inloggen: een link voor een wachtwoord maken, een account uitzetten',
      });
    if (can('audit:read'))
      links.push({
        href: `/beheer/${code}/audit`,
        label: 'Logboek',
        hint: 'wie heeft wat veranderd, en wanneer',
      });
    for (const a of focusAreas)
      links.push({
        href: `/gebieden/${a.slug}`,
        label: `${a.name} in de openbare monitor`,
        hint: 'zoals iedereen het ziet',
      });
    return links;
  }

  private nationalLinks(grants: readonly Grant[]): HomeLink[] {
    const links: HomeLink[] = [];
    if (isAllowed(grants, 'catalogue:edit', NATIONAL_CODE))
      links.push({
        href: '/werkruimte/catalogus/voorstellen',
        label: 'Voorstellen van gemeenten',
        hint: 'voorstellen voor de indicatorcatalogus aannemen of afwijzen',
      });
    links.push({
      href: '/gebieden',
      label: 'Alle focusgebieden',
      hint: 'de openbare monitor van de twintig gebieden',
    });
    return links;
  }

  private alwaysLinks(grants: readonly Grant[]): HomeLink[] {
    const links: HomeLink[] = [];
    if (isAllowed(grants, 'catalogue:propose'))
      links.push({
        href: '/werkruimte/catalogus',
        label: 'Indicatorcatalogus',
        hint: 'wat elke indicator meet, en waar het cijfer vandaan komt',
      });
    links.push({
      href: '/account',
      label: 'Mijn account',
      hint: 'uw naam, e-mailadres en rollen',
    });
    return links;
  }
}

/** What a role does with the surveys, in a few words. */
function surveyHint(can: (p: Permission) => boolean): string {
  const parts: string[] = [];
  if (can('survey:interview')) parts.push('interviews afnemen');
  if (can('survey:key-in')) parts.push('papieren formulieren invoeren');
  if (can('survey:review')) parts.push('antwoorden controleren en resultaten bekijken');
  if (can('survey:print-forms') && !can('survey:key-in')) parts.push('formulieren afdrukken');
  if (parts.length === 0) return 'de vragenlijsten bekijken';
  return parts.join(', ');
}
