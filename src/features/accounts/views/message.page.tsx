import { Layout } from '../../../views/layout.tsx';

export function MessagePage(props: {
  title: string;
  text: string;
  link?: { href: string; label: string };
}) {
  return (
    <Layout title={props.title}>
      <h1 class="utrecht-heading-1">{props.title}</h1>
      <p class="utrecht-paragraph">{props.text}</p>
      {props.link && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={props.link.href}>
            {props.link.label}
          </a>
        </p>
      )}
    </Layout>
  );
}
