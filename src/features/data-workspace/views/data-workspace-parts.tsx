import type { ComponentChildren } from 'preact';
import type { ImportProblem } from '../../../shared/errors.ts';
import { Layout } from '../../../views/layout.tsx';
import { actorLabel } from '../../../shared/actor-label.ts';
import { fieldId } from '../../../views/components/form.tsx';
import type { Dataset } from '../../datasets/index.ts';
import { describedBy as fieldDescribedBy } from '../../../views/components/field.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td as TableCell,
  Th as HeaderCell,
  Tr,
  TableScroll,
} from '../../../views/components/data-table.tsx';

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6 });

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : numberFormat.format(n);
}

export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** "gebruiker:<id> <naam>" → the name; "cli", "seed" and the like stay as they are. */
/** Who loaded a dataset, as a reader says it (not "start" or "cli"). */
export const who = actorLabel;

export const STATUS_LABELS: Record<Dataset['status'], string> = {
  actief: 'In gebruik',
  ingetrokken: 'Ingetrokken',
};

export function dataBase(prefix: string, municipalityCode: string): string {
  return `${prefix}/werkruimte/${municipalityCode}/data`;
}

export function DataLayout(props: {
  title: string;
  base: string;
  municipalityCode: string;
  children: ComponentChildren;
  head?: ComponentChildren;
  crumbs?: boolean;
}) {
  return (
    <Layout
      title={props.title}
      {...(props.head ? { head: props.head } : {})}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        ...(props.crumbs === false
          ? []
          : [{ href: props.base, label: `Gegevens ${props.municipalityCode}` }]),
      ]}
    >
      {props.children}
    </Layout>
  );
}

export function Th(props: { children: ComponentChildren; num?: boolean }) {
  return (
    <HeaderCell scope="col" num={props.num}>
      {props.children}
    </HeaderCell>
  );
}

export function Td(props: { children: ComponentChildren; num?: boolean }) {
  return <TableCell num={props.num}>{props.children}</TableCell>;
}

export function Notice(props: {
  kind: 'ok' | 'warning' | 'error';
  title: string;
  children?: ComponentChildren;
}) {
  const cls =
    props.kind === 'ok'
      ? 'utrecht-alert--ok'
      : props.kind === 'warning'
        ? 'utrecht-alert--warning'
        : 'utrecht-alert--error';
  return (
    <div class={`utrecht-alert ${cls}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2">{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

export interface UploadFormValues {
  soort?: string;
  indeling?: string;
  periode?: string;
  tabel?: string;
  niveau?: string;
  bron?: string;
  /** "ja": a local file replaces CBS figures on purpose (issue 11.10). */
  vervangt_cbs?: string;
  /** "ja": a StatLine CSV uses a decimal comma, also when its fields are separated by ','. */
  decimale_komma?: string;
}

export function describedBy(name: string, description: boolean, error: string | undefined) {
  return fieldDescribedBy(fieldId(name), { description, error });
}

export const PROBLEMS_PER_PAGE = 200;

export function Problems(props: {
  problems: ImportProblem[];
  page: number;
  link: (page: number) => string;
}) {
  const pageCount = Math.max(1, Math.ceil(props.problems.length / PROBLEMS_PER_PAGE));
  const page = Math.min(Math.max(1, props.page), pageCount);
  const shown = props.problems.slice((page - 1) * PROBLEMS_PER_PAGE, page * PROBLEMS_PER_PAGE);
  return (
    <>
      <TableScroll label="Problemen in het bestand">
        <Table>
          <TableCaption>
            {props.problems.length} {props.problems.length === 1 ? 'probleem' : 'problemen'}
            {pageCount > 1 ? `, pagina ${page} van ${pageCount}` : ''}
          </TableCaption>
          <THead>
            <Tr>
              <Th>Bestand</Th>
              <Th num>Regel</Th>
              <Th num>Kolom</Th>
              <Th>Veld</Th>
              <Th>Wat er mis is</Th>
            </Tr>
          </THead>
          <TBody>
            {shown.map((p) => (
              <Tr class="wk-problem">
                <Td>{p.file}</Td>
                <Td num>{p.line ?? '—'}</Td>
                <Td num>{p.column ?? '—'}</Td>
                <Td>{p.field ?? '—'}</Td>
                <Td>{p.message}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </TableScroll>
      {pageCount > 1 && (
        <nav aria-label="Pagina's met problemen">
          <ul class="utrecht-unordered-list">
            {Array.from({ length: pageCount }, (_, i) => i + 1).map((n) => (
              <li class="utrecht-unordered-list__item">
                {n === page ? (
                  <span aria-current="page">Pagina {n}</span>
                ) : (
                  <a class="utrecht-link" href={props.link(n)}>
                    Pagina {n}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}
