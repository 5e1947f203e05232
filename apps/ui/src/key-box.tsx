import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { apiKey } from './api';

export interface KeyBoxProps {
  /** The server refused the page without a (known) key. */
  needed: boolean;
  onChange: () => void;
}

/** Where the user pastes an API key; it stays in this tab only (sessionStorage). */
export function KeyBox({ needed, onChange }: KeyBoxProps): JSX.Element {
  const [has, setHas] = useState(apiKey.get() !== null);
  return (
    <details class="key-box" open={needed}>
      <summary>{has ? 'API key set' : needed ? 'API key needed' : 'API key'}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const value = String(new FormData(e.currentTarget).get('key') ?? '').trim();
          if (value) apiKey.set(value);
          else apiKey.clear();
          setHas(value !== '');
          onChange();
        }}
      >
        <label>
          key{' '}
          <input
            name="key"
            type="password"
            autocomplete="off"
            placeholder="tt_…"
            aria-describedby="key-note"
          />
        </label>{' '}
        <button type="submit">use</button>{' '}
        <button
          type="button"
          onClick={() => {
            apiKey.clear();
            setHas(false);
            onChange();
          }}
        >
          forget
        </button>
        <p id="key-note" class="muted">
          Sent as <code>Authorization: Bearer</code>; kept in this tab only.
        </p>
      </form>
    </details>
  );
}
