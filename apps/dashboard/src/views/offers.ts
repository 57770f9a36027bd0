import { esc, OFFER_STATUS_LABELS, responsesOf, shortDate } from '../format';
import type { MediationOffer } from '../types';

/** One offer as a card: mediator → parties, conditions, who said it, each party's answer and when. */
export function offerCardHtml(offer: MediationOffer, headingLevel = 3): string {
  const responses = responsesOf(offer);
  const answers = offer.parties
    .map((party) => {
      const response = responses.find((r) => r.party === party);
      if (!response) return `<li><span class="party">${esc(party)}</span> <span class="answer none">no answer yet</span></li>`;
      const cls = response.answer === 'ACCEPTED' ? 'yes' : 'no';
      return (
        `<li><span class="party">${esc(party)}</span> <span class="answer ${cls}">${response.answer === 'ACCEPTED' ? 'accepted' : 'rejected'}</span> ` +
        `<time datetime="${esc(response.occurredOn)}">${esc(shortDate(response.occurredOn))}</time>` +
        (response.text ? `<q class="quote">${esc(response.text)}</q>` : '') +
        `</li>`
      );
    })
    .join('');
  const statements = (offer.statements ?? [])
    .map(
      (statement) =>
        `<li><span class="speaker">${esc(statement.speaker ?? 'unnamed speaker')}</span>${statement.role ? `, <span class="role">${esc(statement.role)}</span>` : ''} ` +
        `<time datetime="${esc(statement.occurredOn)}">${esc(shortDate(statement.occurredOn))}</time>` +
        (statement.text ? `<q class="quote">${esc(statement.text)}</q>` : '') +
        `</li>`,
    )
    .join('');
  const speakers = [...new Map((offer.statements ?? []).filter((st) => st.speaker || st.role).map((st) => [`${st.speaker}|${st.role}`, st])).values()]
    .map((st) => `<span class="speaker">${esc(st.speaker ?? 'unnamed')}</span>${st.role ? ` <span class="role">(${esc(st.role)})</span>` : ''}`)
    .join(', ');
  const conditions = (offer.conditions ?? []).map((condition) => `<li>“${esc(condition)}”</li>`).join('');
  const h = `h${headingLevel}`;
  return (
    `<article class="offer-card s-${esc(offer.status)}" data-offer="${esc(offer.offerId)}" aria-label="${esc(`${offer.mediator} offer to ${offer.parties.join(' and ')}, ${OFFER_STATUS_LABELS[offer.status] ?? offer.status}`)}">` +
    `<${h} class="offer-title"><span class="mediator">${esc(offer.mediator)}</span> <span aria-hidden="true">→</span><span class="sr-only">to</span> ${offer.parties.map((p) => `<span class="party">${esc(p)}</span>`).join(' <span aria-hidden="true">·</span> ')}</${h}>` +
    `<p class="offer-meta"><span class="offer-badge s-${esc(offer.status)}">${esc(OFFER_STATUS_LABELS[offer.status] ?? offer.status)}</span> ` +
    `first ${esc(shortDate(offer.firstReportedOn))}, last ${esc(shortDate(offer.lastReportedOn))}</p>` +
    (conditions ? `<div class="block"><span class="block-title">Conditions</span><ul class="conditions">${conditions}</ul></div>` : '') +
    `<div class="block"><span class="block-title">Answers</span><ul class="answers">${answers}</ul></div>` +
    (speakers ? `<p class="block speakers"><span class="block-title">Speakers</span> ${speakers}</p>` : '') +
    (statements ? `<details class="block"><summary>Statements (${offer.statements.length})</summary><ul class="statements">${statements}</ul></details>` : '') +
    `</article>`
  );
}
