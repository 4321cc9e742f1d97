"""The e-mail texts the product starts with, in both languages. Trainers and HR
edit them afterwards as snippets; a kind without a stored template uses these."""

DEFAULTS = {
    "assignment": {
        "subject_it": "Nuovo corso assegnato: {course}",
        "body_it": (
            "Ciao {name},\n\nti è stato assegnato il corso «{course}», "
            "da completare entro il {due_date}.\n\nInizia da qui: {link}\n"
        ),
        "subject_en": "New course assigned: {course}",
        "body_en": (
            "Hello {name},\n\nyou have been assigned the course “{course}”, "
            "due by {due_date}.\n\nStart here: {link}\n"
        ),
    },
    "reminder": {
        "subject_it": "Promemoria: «{course}» scade tra {days}",
        "body_it": (
            "Ciao {name},\n\nti ricordiamo che il corso «{course}» va completato "
            "entro il {due_date} (tra {days}).\n\nContinua da qui: {link}\n"
        ),
        "subject_en": "Reminder: “{course}” is due in {days}",
        "body_en": (
            "Hello {name},\n\na reminder that the course “{course}” is due by "
            "{due_date} (in {days}).\n\nContinue here: {link}\n"
        ),
    },
    "overdue": {
        "subject_it": "In ritardo: «{course}»",
        "body_it": (
            "Ciao {name},\n\nil corso «{course}» doveva essere completato entro il "
            "{due_date}. Completalo appena puoi: {link}\n"
        ),
        "subject_en": "Overdue: “{course}”",
        "body_en": (
            "Hello {name},\n\nthe course “{course}” was due by {due_date}. "
            "Please complete it as soon as you can: {link}\n"
        ),
    },
    "manager_digest": {
        "subject_it": "La formazione del tuo team",
        "body_it": (
            "Ciao {name},\n\necco chi nel tuo team ha certificazioni in ritardo, "
            "scadute o in scadenza:\n\n{items}\n\nDettagli: {link}\n"
        ),
        "subject_en": "Your team's training",
        "body_en": (
            "Hello {name},\n\nthese people in your team have certifications "
            "overdue, expired or expiring:\n\n{items}\n\nDetails: {link}\n"
        ),
    },
    "hr_digest": {
        "subject_it": "Certificazioni in ritardo o in scadenza",
        "body_it": (
            "Ciao {name},\n\nsituazione settimanale delle certificazioni in ritardo, "
            "scadute o in scadenza:\n\n{items}\n\nDettagli: {link}\n"
        ),
        "subject_en": "Certifications overdue or expiring",
        "body_en": (
            "Hello {name},\n\nthis week's certifications overdue, expired or "
            "expiring:\n\n{items}\n\nDetails: {link}\n"
        ),
    },
    "certificate": {
        "subject_it": "Il tuo certificato: {course}",
        "body_it": (
            "Ciao {name},\n\nhai completato il corso «{course}»: in allegato trovi "
            "il certificato in PDF.\n\nCodice di verifica: {code}\nChiunque può "
            "verificarlo qui: {link}\n"
        ),
        "subject_en": "Your certificate: {course}",
        "body_en": (
            "Hello {name},\n\nyou have completed the course “{course}”: your "
            "certificate is attached as a PDF.\n\nVerification code: {code}\n"
            "Anyone can verify it here: {link}\n"
        ),
    },
    "policy_review": {
        "subject_it": "Revisione di policy: modulo «{course}»",
        "body_it": (
            "Ciao {name},\n\nil modulo «{course}» è stato aggiornato e la modifica "
            "riguarda la tua certificazione. Che cosa è cambiato:\n\n{note}\n\n"
            "Rileggi le modifiche e supera il quiz di revisione entro il "
            "{due_date}: fino ad allora il tuo certificato resta valido.\n\n"
            "Inizia da qui: {link}\n"
        ),
        "subject_en": "Policy review: module “{course}”",
        "body_en": (
            "Hello {name},\n\nthe module “{course}” has been updated and the "
            "change concerns your certification. What changed:\n\n{note}\n\n"
            "Read the changes and pass the review quiz by {due_date}: until then "
            "your certificate stays valid.\n\nStart here: {link}\n"
        ),
    },
    "policy_reminder": {
        "subject_it": "Promemoria: revisione del modulo «{course}»",
        "body_it": (
            "Ciao {name},\n\nti ricordiamo la revisione di policy del modulo "
            "«{course}», da completare entro il {due_date}.\n\n{note}\n\n"
            "Continua da qui: {link}\n"
        ),
        "subject_en": "Reminder: review of the module “{course}”",
        "body_en": (
            "Hello {name},\n\na reminder of the policy review of the module "
            "“{course}”, due by {due_date}.\n\n{note}\n\nContinue here: {link}\n"
        ),
    },
    "policy_overdue": {
        "subject_it": "In ritardo: revisione del modulo «{course}»",
        "body_it": (
            "Ciao {name},\n\nla revisione di policy del modulo «{course}» era da "
            "completare entro il {due_date}. Completala appena puoi: {link}\n"
        ),
        "subject_en": "Overdue: review of the module “{course}”",
        "body_en": (
            "Hello {name},\n\nthe policy review of the module “{course}” was due "
            "by {due_date}. Please complete it as soon as you can: {link}\n"
        ),
    },
    "session_booked": {
        "subject_it": "Posto confermato: {course}",
        "body_it": (
            "Ciao {name},\n\nil tuo posto è confermato:\n\n{items}\n\n"
            "In allegato l'invito per il calendario. Le tue sessioni: {link}\n"
        ),
        "subject_en": "Seat confirmed: {course}",
        "body_en": (
            "Hello {name},\n\nyour seat is confirmed:\n\n{items}\n\n"
            "The calendar invitation is attached. Your sessions: {link}\n"
        ),
    },
    "session_promoted": {
        "subject_it": "Si è liberato un posto: {course}",
        "body_it": (
            "Ciao {name},\n\nsi è liberato un posto e ora è tuo:\n\n{items}\n\n"
            "In allegato l'invito per il calendario. Se non puoi partecipare, "
            "disdici qui: {link}\n"
        ),
        "subject_en": "A seat is now yours: {course}",
        "body_en": (
            "Hello {name},\n\na seat has become free and it is now yours:\n\n"
            "{items}\n\nThe calendar invitation is attached. If you cannot "
            "attend, cancel here: {link}\n"
        ),
    },
    "session_cancelled": {
        "subject_it": "Sessione annullata: {course}",
        "body_it": (
            "Ciao {name},\n\nla sessione a cui eri iscritto è stata annullata:"
            "\n\n{items}\n\nIn allegato l'aggiornamento per il calendario. "
            "Puoi scegliere un'altra data dalle tue sessioni: {link}\n"
        ),
        "subject_en": "Session called off: {course}",
        "body_en": (
            "Hello {name},\n\nthe session you were booked on has been called "
            "off:\n\n{items}\n\nThe calendar update is attached. You can "
            "choose another date from your sessions: {link}\n"
        ),
    },
    "session_booking_cancelled": {
        "subject_it": "Prenotazione disdetta: {course}",
        "body_it": (
            "Ciao {name},\n\nhai disdetto il tuo posto:\n\n{items}\n\n"
            "In allegato l'aggiornamento per il calendario. Puoi scegliere "
            "un'altra data dalle tue sessioni: {link}\n"
        ),
        "subject_en": "Booking cancelled: {course}",
        "body_en": (
            "Hello {name},\n\nyou have given up your seat:\n\n{items}\n\n"
            "The calendar update is attached. You can choose another date "
            "from your sessions: {link}\n"
        ),
    },
    "session_moved": {
        "subject_it": "Sessione spostata: {course}",
        "body_it": (
            "Ciao {name},\n\nla sessione a cui sei iscritto è stata spostata. "
            "Ora è:\n\n{items}\n\nPrima era: {note}\n\nSe hai un posto, in "
            "allegato c'è l'invito aggiornato: il calendario sposta l'evento. "
            "Se la nuova data non va bene, puoi disdire o sceglierne un'altra "
            "dalle tue sessioni: {link}\n"
        ),
        "subject_en": "Session moved: {course}",
        "body_en": (
            "Hello {name},\n\nthe session you are booked on has moved. It is "
            "now:\n\n{items}\n\nIt was: {note}\n\nIf you hold a seat, the "
            "updated invitation is attached: your calendar moves the event. If "
            "the new date does not suit you, you can cancel or choose another "
            "from your sessions: {link}\n"
        ),
    },
    "session_reminder": {
        "subject_it": "Domani: {course}",
        "body_it": (
            "Ciao {name},\n\nti ricordiamo la sessione di domani:\n\n{items}\n\n"
            "Le tue sessioni: {link}\n"
        ),
        "subject_en": "Tomorrow: {course}",
        "body_en": (
            "Hello {name},\n\na reminder of tomorrow's session:\n\n{items}\n\n"
            "Your sessions: {link}\n"
        ),
    },
    "survey": {
        "subject_it": "Com'è andata? «{note}»",
        "body_it": (
            "Ciao {name},\n\nhai concluso «{note}». Ci dici com'è andata? "
            "Bastano due minuti e ci aiuti a migliorare la formazione.\n\n"
            "Rispondi da qui: {link}\n"
        ),
        "subject_en": "How did it go? “{note}”",
        "body_en": (
            "Hello {name},\n\nyou have finished “{note}”. Will you tell us how "
            "it went? It takes two minutes and helps us improve our training.\n\n"
            "Answer here: {link}\n"
        ),
    },
}
