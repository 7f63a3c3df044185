import { CorrectionListSchema } from '../corrections/correction.schemas.js'
import { correctionsOf } from '../corrections/correction.service.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext, readView } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { ContactCorrectionSchema, ContactCreateSchema, ContactListQuery, ContactPageSchema, ContactSchema, ContactWriteUpSchema } from './contact.schemas.js'
import { contactOf, contactsOf, createContact, presentContacts } from './contact.service.js'
import { correctContact, writeUpContact } from './contact-write-up.service.js'
import { type RouteRegistration, WORKERS } from './intervention-action.js'

const tags = ['Interventions']

/** An intervention's contacts (case recordings): recorded, listed and read. */
export const registerContactRoutes: RouteRegistration = (app, db) => {
  app.post(
    '/interventions/:id/contacts',
    {
      config: { access: WORKERS },
      schema: {
        tags,
        operationId: 'createContact',
        summary: 'Record a contact (case recording)',
        description:
          'The Signs of Safety recording of 000 §13. The contact stops the weekly-contact clock and starts the next 7 days; its own contact-recorded clock (2 working days from the contact to `recordedAt`) is stopped by the recording. Sent without its write-up, the contact is saved as due to be written up: the recording clock runs (and goes `overdue`) until `POST .../write-up`. Contacts after the ending are refused (409).',
        params: IdParams,
        body: ref(ContactCreateSchema),
        response: { 201: ref(ContactSchema), ...errors(...WRITE_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const contact = await createContact(db, changeContext(request), request.params.id, request.body)
      reply.code(201).header('location', `/interventions/${request.params.id}/contacts/${contact.id}`)
      return withETag(reply, contact)
    },
  )

  app.get(
    '/interventions/:id/contacts',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listContacts',
        summary: 'List an intervention’s contacts',
        description: 'Ordered by id, each with its recording clock as of `asOf`.',
        params: IdParams,
        querystring: ContactListQuery,
        response: { 200: ref(ContactPageSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, asOf } = request.query
      const page = toPage(await contactsOf(db, request.caller, request.params.id, { limit, after: decodeCursor(cursor) }), limit)
      return { ...page, items: await presentContacts(db, page.items, readView(request, asOf)) }
    },
  )

  app.get(
    '/interventions/:id/contacts/:contactId',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getContact',
        summary: 'Read a contact',
        params: Strict({ id: IdParams.properties.id, contactId: IdParams.properties.id }),
        querystring: Strict(AsOfQuery),
        response: { 200: ref(ContactSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      const row = await contactOf(db, request.caller, request.params.id, request.params.contactId)
      return withETag(reply, (await presentContacts(db, [row], readView(request, request.query.asOf)))[0])
    },
  )

  const ContactParams = Strict({ id: IdParams.properties.id, contactId: IdParams.properties.id })

  app.post(
    '/interventions/:id/contacts/:contactId/write-up',
    {
      config: { access: WORKERS },
      schema: {
        tags,
        operationId: 'writeUpContact',
        summary: 'Write up a contact',
        description:
          'The write-up of a contact saved before it was written up (000 §13): stops its contact-recorded clock at `recordedAt` (default now), met or late. A contact already written up is 409: correct it instead.',
        params: ContactParams,
        body: ref(ContactWriteUpSchema),
        response: { 200: ref(ContactSchema), ...errors(...WRITE_ERRORS, 404, 409) },
      },
    },
    async (request, reply) => withETag(reply, await writeUpContact(db, changeContext(request), request.params.id, request.params.contactId, request.body)),
  )

  app.post(
    '/interventions/:id/contacts/:contactId/corrections',
    {
      config: { access: WORKERS },
      schema: {
        tags,
        operationId: 'correctContact',
        summary: 'Correct a contact',
        description:
          'Replaces the fields sent as a new version (`version` goes up), with who corrected it (`correctedBy`) and why (`reason`); the version replaced stays readable at `GET .../corrections`. The write-up of a contact not yet written up is 409.',
        params: ContactParams,
        body: ref(ContactCorrectionSchema),
        response: { 200: ref(ContactSchema), ...errors(...WRITE_ERRORS, 404, 409) },
      },
    },
    async (request, reply) => withETag(reply, await correctContact(db, changeContext(request), request.params.id, request.params.contactId, request.body)),
  )

  app.get(
    '/interventions/:id/contacts/:contactId/corrections',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listContactCorrections',
        summary: 'List a contact’s corrections',
        description: 'Oldest first, each with the version it replaced; the first one’s `previous` is the contact as first saved.',
        params: ContactParams,
        response: { 200: ref(CorrectionListSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      await contactOf(db, request.caller, request.params.id, request.params.contactId)
      return correctionsOf(db, 'contact', request.params.contactId)
    },
  )
}
