import { Layout } from './layout.tsx';

export function ErrorPage(props: { status: number; title: string; message: string }) {
  return (
    <Layout title={props.title}>
      <h1 class="utrecht-heading-1">{props.title}</h1>
      <p class="utrecht-paragraph">{props.message}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/">
          Naar de startpagina
        </a>
      </p>
    </Layout>
  );
}
