import type { Project } from '../project.types.ts';
import { PROJECT_STATUS_LABEL } from '../project-status.ts';

/**
 * "Wat wordt eraan gedaan": the public projects of the focus area that aim at this indicator,
 * for the indicator's monitor page. Names and status only; no amounts.
 */
export function IndicatorProjects(props: { projects: readonly Project[] }) {
  if (props.projects.length === 0) return null;
  return (
    <section aria-labelledby="projecten-titel">
      <h2 class="utrecht-heading-2" id="projecten-titel">
        Wat wordt eraan gedaan
      </h2>
      <ul class="utrecht-unordered-list">
        {props.projects.map((p) => (
          <li class="utrecht-unordered-list__item">
            {p.name} (
            {PROJECT_STATUS_LABEL[p.status as keyof typeof PROJECT_STATUS_LABEL] ?? p.status})
            {p.description && <>: {p.description}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}
