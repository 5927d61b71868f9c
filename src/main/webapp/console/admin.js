// Users (administrators) and API tokens (everyone: their own; administrators revoke any by id).
import { formatTime, h, table } from './dom.js';

const ROLES = ['viewer', 'contributor', 'approver', 'admin'];

function roleBoxes(prefix, selected) {
  return ROLES.map((role) => {
    const box = h('input', { type: 'checkbox', name: prefix + '-' + role, value: role });
    box.checked = selected.includes(role);
    return h('label', { class: 'inline' }, box, role);
  });
}

function checkedRoles(container) {
  return [...container.querySelectorAll('input[type=checkbox]')].filter((b) => b.checked).map((b) => b.value);
}

async function usersSection(ctx) {
  const users = await ctx.api('GET', '/users');
  const message = h('p', { class: 'outcome', role: 'status', id: 'users-message' });
  const act = async (call, done) => {
    message.textContent = '';
    try {
      await call();
      await ctx.refresh();
    } catch (error) {
      message.textContent = error.message;
      message.className = 'outcome fail';
    } finally {
      if (done) done();
    }
  };
  const rows = table([
    { title: 'User', cell: (u) => u.username },
    { title: 'Roles', cell: (u) => {
      const boxes = h('span', { class: 'roles' }, roleBoxes('roles-' + u.username, u.roles));
      const save = h('button', { type: 'button', class: 'secondary small' }, 'Save roles');
      save.addEventListener('click', () => act(() => ctx.api('PUT', `/users/${encodeURIComponent(u.username)}/roles`, { roles: checkedRoles(boxes) })));
      return [boxes, save];
    } },
    { title: 'State', cell: (u) => (u.enabled ? 'enabled' : h('span', { class: 'fail' }, 'disabled')) },
    { title: 'Created', cell: (u) => formatTime(u.createdAt) },
    { title: '', cell: (u) => {
      const button = h('button', { type: 'button', class: 'secondary small' }, u.enabled ? 'Disable' : 'Enable');
      button.addEventListener('click', () => act(() => ctx.api('POST', `/users/${encodeURIComponent(u.username)}/${u.enabled ? 'disable' : 'enable'}`)));
      return button;
    } },
  ], users, { class: 'grid', id: 'users-table' });

  const name = h('input', { name: 'username', required: true, autocomplete: 'off' });
  const password = h('input', { name: 'password', type: 'password', required: true, minlength: 12, autocomplete: 'new-password' });
  const roles = h('span', { class: 'roles' }, roleBoxes('new', ['viewer']));
  const create = h('button', { type: 'submit' }, 'Create user');
  const form = h('form', { class: 'filters', id: 'new-user' }, h('label', null, 'User name', name),
    h('label', null, 'Password (12+ characters)', password), h('fieldset', null, h('legend', null, 'Roles'), roles), create);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    create.disabled = true;
    act(() => ctx.api('POST', '/users', { username: name.value, password: password.value, roles: checkedRoles(roles) }),
      () => { create.disabled = false; });
  });
  return h('section', { class: 'card' }, h('h2', null, 'Users'), rows, message, h('h3', null, 'New user'), form);
}

async function tokensSection(ctx) {
  const tokens = await ctx.api('GET', '/tokens');
  const message = h('div', { class: 'outcome', role: 'status', id: 'tokens-message' });
  const fail = (error) => {
    message.replaceChildren(h('p', { class: 'fail' }, error.message));
  };
  const list = table([
    { title: 'Name', cell: (t) => t.name },
    { title: 'Id', cell: (t) => h('span', { class: 'mono' }, t.id) },
    { title: 'Created', cell: (t) => formatTime(t.createdAt) },
    { title: 'Expires', cell: (t) => formatTime(t.expiresAt) },
    { title: 'State', cell: (t) => (t.revokedAt ? `revoked ${formatTime(t.revokedAt)}` : 'active') },
    { title: '', cell: (t) => {
      if (t.revokedAt) return '';
      const revoke = h('button', { type: 'button', class: 'secondary small' }, 'Revoke');
      revoke.addEventListener('click', async () => {
        try {
          await ctx.api('DELETE', '/tokens/' + encodeURIComponent(t.id));
          await ctx.refresh();
        } catch (error) {
          fail(error);
        }
      });
      return revoke;
    } },
  ], tokens, { class: 'grid', id: 'tokens-table' });

  const name = h('input', { name: 'name', required: true, maxlength: 100, placeholder: 'nightly-training' });
  const days = h('input', { name: 'days', type: 'number', min: 1, max: 365, value: '90' });
  const make = h('button', { type: 'submit' }, 'Create token');
  const form = h('form', { class: 'filters', id: 'new-token' }, h('label', null, 'Name', name), h('label', null, 'Days valid', days), make);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    make.disabled = true;
    try {
      const issued = await ctx.api('POST', '/tokens', { name: name.value, expiresInDays: Number(days.value) });
      // The secret is shown once, here, and kept nowhere by the console.
      const secret = h('input', { readonly: true, class: 'mono secret', value: issued.token, size: 50 });
      message.replaceChildren(h('p', { class: 'ok' }, `Token "${issued.name}" made; copy it now, it is not shown again:`), secret);
      secret.select();
    } catch (error) {
      fail(error);
    } finally {
      make.disabled = false;
    }
  });

  const parts = [h('h2', null, 'Your API tokens'), list, h('h3', null, 'New token'), form, message];
  if (ctx.hasRole('admin')) {
    const id = h('input', { name: 'token-id', placeholder: 'token id', required: true });
    const revokeAny = h('form', { class: 'filters', id: 'revoke-any' }, h('label', null, 'Revoke anyone\'s token by id', id),
      h('button', { type: 'submit', class: 'secondary' }, 'Revoke'));
    revokeAny.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const revoked = await ctx.api('DELETE', '/tokens/' + encodeURIComponent(id.value.trim()));
        message.replaceChildren(h('p', { class: 'ok' }, `Revoked token ${revoked.id} (${revoked.name}).`));
      } catch (error) {
        fail(error);
      }
    });
    parts.push(h('h3', null, 'Administration'), revokeAny);
  }
  return h('section', { class: 'card' }, ...parts);
}

export async function adminPage(root, ctx) {
  root.append(h('h1', null, ctx.hasRole('admin') ? 'Users & tokens' : 'API tokens'));
  if (ctx.hasRole('admin')) root.append(await usersSection(ctx));
  root.append(await tokensSection(ctx));
}
