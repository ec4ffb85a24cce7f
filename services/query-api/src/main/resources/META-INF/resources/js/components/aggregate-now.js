/**
 * "Aggregate now": administrators start an aggregation of the current period (POST
 * /capacity/aggregations/current) for every instance, the filtered instance or the filtered database, and
 * watch the run's live progress until it completes. Viewers see the button disabled, with the reason.
 */
import { capacity } from '../api/whalefall.js';
import { fill, h, icon, spinner } from '../util/dom.js';
import { PERIOD_TYPES } from '../util/format.js';
import { SessionProgress } from './session-progress.js';
import { toast } from './toast.js';

/** The button, its dialog and the progress card of the run it started. */
export class AggregateNow {
  #user;
  #context;
  #onEnded;
  #dialog;
  #error;
  #submit;
  #button;
  #progress;

  /**
   * {@code context()} gives the page's period_type, instance ({id, name} or null) and database_name;
   * {@code onEnded(session)} runs when the started run has ended.
   */
  constructor(user, context, onEnded) {
    this.#user = user;
    this.#context = context;
    this.#onEnded = onEnded;
    this.#progress = new SessionProgress('run-progress', 'Aggregation run', (session) => this.#ended(session));
    this.progressElement = h('div', { class: 'mb-4 d-none', id: 'aggregate-progress' },
      h('div', { class: 'position-relative' }, this.#progress.element,
        h('button', { type: 'button', class: 'btn-close position-absolute top-0 end-0 m-2', 'aria-label': 'Hide the run',
          onclick: () => this.#hideProgress() })));
    this.#button = h('button', { type: 'button', class: 'btn btn-primary', id: 'aggregate-now',
      disabled: !user.isAdmin, 'aria-describedby': user.isAdmin ? null : 'aggregate-now-hint',
      onclick: () => this.#open() }, icon('lightning-charge', 'me-1'), 'Aggregate now');
    this.element = h('div', { class: 'd-flex flex-column align-items-end ms-auto' }, this.#button,
      user.isAdmin ? null : h('span', { class: 'small text-body-secondary mt-1', id: 'aggregate-now-hint' },
        'Only administrators can start an aggregation.'));
    if (user.isAdmin) {
      this.#dialog = this.#renderDialog();
      document.body.append(this.#dialog);
    }
  }

  #renderDialog() {
    this.#error = h('div', { class: 'alert alert-danger py-2 d-none', role: 'alert', id: 'aggregate-error' });
    this.#submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'aggregate-start' },
      icon('play-fill', 'me-1'), 'Start aggregation');
    return h('dialog', { class: 'app-dialog', id: 'aggregate-dialog', 'aria-labelledby': 'aggregate-dialog-title' },
      h('form', { class: 'd-grid gap-3', onsubmit: (event) => this.#start(event) },
        h('h2', { class: 'h5 mb-0', id: 'aggregate-dialog-title' }, 'Aggregate the current period'),
        h('p', { class: 'small text-body-secondary mb-0' },
          'Computes the running period (today, this week, month or quarter) from the samples collected so far. ',
          'The run is asynchronous: its progress shows on this page.'),
        this.#error,
        h('div', {}, h('label', { class: 'form-label', for: 'aggregate-period-type' }, 'Period type'),
          h('select', { class: 'form-select', id: 'aggregate-period-type', name: 'period_type' },
            PERIOD_TYPES.map(([value, label]) => h('option', { value }, label)))),
        h('fieldset', { id: 'aggregate-scope' }),
        h('div', { class: 'd-flex justify-content-end gap-2' },
          h('button', { type: 'button', class: 'btn btn-outline-secondary', onclick: () => this.#dialog.close() }, 'Cancel'),
          this.#submit)));
  }

  #open() {
    const context = this.#context();
    this.#dialog.querySelector('#aggregate-period-type').value = context.period_type || 'daily';
    const scopes = [['all', 'All active instances']];
    if (context.instance) {
      scopes.push(['instance', `Only ${context.instance.name}`]);
      if (context.database_name) {
        scopes.push(['database', `Only database ${context.database_name} (its instance ${context.instance.name} is aggregated)`]);
      }
    }
    fill(this.#dialog.querySelector('#aggregate-scope'), h('legend', { class: 'form-label fs-6' }, 'Scope'),
      scopes.map(([value, label], index) => h('div', { class: 'form-check' },
        h('input', { class: 'form-check-input', type: 'radio', name: 'scope', id: `aggregate-scope-${value}`, value,
          checked: index === scopes.length - 1 }),
        h('label', { class: 'form-check-label', for: `aggregate-scope-${value}` }, label))));
    this.#error.classList.add('d-none');
    this.#dialog.showModal();
  }

  async #start(event) {
    event.preventDefault();
    const form = event.target;
    const context = this.#context();
    const scope = form.elements.scope.value || 'all';
    const body = { period_type: form.elements.period_type.value, scope };
    if (scope === 'instance') {
      body.instance_ids = [context.instance.id];
    } else if (scope === 'database') {
      Object.assign(body, { instance_id: context.instance.id, database_name: context.database_name });
    }
    this.#busy(true);
    try {
      const { data, message } = await capacity.aggregateCurrent(body);
      this.#dialog.close();
      const result = data.result;
      this.progressElement.classList.remove('d-none');
      this.#progress.follow(result.session.id);
      this.progressElement.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
      toast(message, 'info');
    } catch (error) {
      fill(this.#error, typeof error.describe === 'function' ? error.describe() : error.message);
      this.#error.classList.remove('d-none');
    } finally {
      this.#busy(false);
    }
  }

  #busy(busy) {
    this.#submit.disabled = busy;
    fill(this.#submit, busy ? spinner('Starting…') : icon('play-fill', 'me-1'), busy ? ' Starting…' : 'Start aggregation');
  }

  #ended(session) {
    const outcome = [`${session.successful_instances} of ${session.total_instances} instances aggregated`];
    if (session.skipped_instances) {
      outcome.push(`${session.skipped_instances} already up to date`);
    }
    if (session.failed_instances) {
      outcome.push(`${session.failed_instances} failed`);
    }
    if (session.status === 'completed') {
      toast(`Aggregation completed: ${outcome.join(', ')}.`, 'success');
    } else {
      toast(`Aggregation ${session.status}: ${session.error_message ?? outcome.join(', ')}.`, 'error');
    }
    this.#onEnded(session);
  }

  #hideProgress() {
    this.#progress.stop();
    this.progressElement.classList.add('d-none');
  }
}
