import { render } from 'preact-render-to-string';

/**
 * The place in the header where the signed-in user's name and logout button go. Pages are
 * rendered (and public pages cached) without knowing who asks; the account plugin fills this
 * slot per response (src/plugins/account-header.ts), so a cached page never holds a name.
 * preact escapes `<` in every text and attribute, so page data cannot produce this element.
 */
export function AccountSlot() {
  return <div class="wk-account" data-wk-account-slot="" />;
}

/** The slot exactly as it appears in a rendered page. */
export const ACCOUNT_SLOT_HTML = render(<AccountSlot />);

/** Who is signed in, a link to their home, and logging out: a plain form with CSRF, no script. */
export function AccountMenu(props: { name: string; csrf: string }) {
  return (
    <div class="wk-account" lang="nl">
      <p class="utrecht-paragraph wk-account__who">
        Ingelogd als{' '}
        <a class="utrecht-link wk-target" href="/account">
          {props.name}
        </a>
      </p>
      <a class="utrecht-link wk-target" href="/werkruimte">
        Werkruimte
      </a>
      <form class="wk-account__logout" method="post" action="/uitloggen">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Uitloggen
        </button>
      </form>
    </div>
  );
}

/** A page with the slot filled for this user; the page unchanged when it has no slot. */
export function withAccountMenu(html: string, user: { name: string; csrf: string }): string {
  const at = html.indexOf(ACCOUNT_SLOT_HTML);
  if (at < 0) return html;
  return (
    html.slice(0, at) +
    render(<AccountMenu name={user.name} csrf={user.csrf} />) +
    html.slice(at + ACCOUNT_SLOT_HTML.length)
  );
}
