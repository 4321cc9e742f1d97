"""Italian demo content for the onboarding and refresher courses.

Written from the reference articles in shared/seeds; loaded by
`manage.py load_demo_data`.
"""

HOME = {
    "title": "Formazione Servizio Clienti",
    "intro": (
        "<p>Ti diamo il benvenuto nella piattaforma di formazione del servizio "
        "clienti. Qui trovi i percorsi pensati per chi assiste i clienti allo "
        "sportello, al telefono o per iscritto: dal corso di inserimento per chi ha "
        "appena iniziato agli aggiornamenti periodici sugli standard di servizio. Ogni "
        "corso si chiude con un quiz che ti permette di verificare ciò che hai "
        "imparato.</p>"
    ),
}

CATALOGUE = {
    "title": "Catalogo dei corsi",
    "slug": "corsi",
    "intro": (
        "<p>In questo catalogo trovi tutti i corsi disponibili. Se hai appena iniziato "
        "a lavorare nel servizio clienti, parti da <b>Fondamenti del servizio "
        "clienti</b>; se hai già esperienza, usa i corsi di aggiornamento per "
        "ripassare gli standard di servizio e mantenere il tuo lavoro allineato alle "
        "regole aziendali.</p>"
    ),
}

ONBOARDING = {
    "slug": "fondamenti-del-servizio-clienti",
    "title": "Fondamenti del servizio clienti",
    "summary": (
        "Il percorso di inserimento per chi inizia a lavorare nel servizio clienti: "
        "che cos'è il servizio, come si svolge nei diversi canali, come si usa il "
        "feedback, quali standard seguire e perché contano sia i clienti esterni sia "
        "quelli interni."
    ),
    "kind": "onboarding",
    "estimated_minutes": 90,
    "modules": [
        {
            "slug": "cos-e-il-servizio-clienti",
            "title": "Che cos'è il servizio clienti",
            "intro": (
                "Il servizio clienti come processo, come reparto e come insieme di "
                "competenze da allenare ogni giorno."
            ),
            "estimated_minutes": 15,
            "body": [
                (
                    "paragraph",
                    (
                        "<p>L'espressione «servizio clienti» ha due significati, "
                        "strettamente legati tra loro. Indica prima di tutto un "
                        "<b>processo</b>: l'assistenza che offri a una persona prima, "
                        "durante o dopo un acquisto. Indica però anche un "
                        "<b>reparto</b>, cioè la parte dell'azienda che si occupa di "
                        "questo processo. In questo modulo vediamo entrambi gli "
                        "aspetti e le competenze che il lavoro richiede.</p>"
                    ),
                ),
                ("heading", "Un processo e un reparto"),
                (
                    "paragraph",
                    (
                        "<p>Il cliente può rivolgersi a te mentre valuta un acquisto, "
                        "mentre lo sta concludendo oppure quando ha bisogno di aiuto "
                        "per qualcosa che ha già comprato. Il momento cambia, ma la "
                        "filosofia di fondo resta la stessa: offrire un'esperienza "
                        "positiva, dando alla persona ciò di cui ha bisogno o che "
                        "desidera e trattandola con cortesia.</p><p>Il reparto del "
                        "servizio clienti mette in pratica questa filosofia ogni "
                        "giorno. Studia nuove tecniche per interagire con il pubblico "
                        "e per presentare al meglio gli articoli in vendita, e "
                        "affronta direttamente domande e problemi: aiutare qualcuno a "
                        "trovare un prodotto, gestire il rimborso di un articolo "
                        "restituito. Quando il pubblico percepisce che è l'intera "
                        "azienda, e non un singolo gruppo di persone, a considerare "
                        "importante una buona esperienza, ne ha un'opinione migliore e "
                        "tende a tornare.</p>"
                    ),
                ),
                ("heading", "Le competenze che servono"),
                (
                    "paragraph",
                    (
                        "<p>Far sentire bene una persona sembra semplice, ma richiede "
                        "abilità precise che non tutti possiedono in partenza e che "
                        "vanno allenate:</p><ul><li><b>Fare le domande giuste</b>: non "
                        "basta chiedere, bisogna chiedere ciò che serve a capire "
                        "davvero il bisogno.</li><li><b>Trovare soluzioni "
                        "pratiche</b>, che il cliente possa applicare "
                        "subito.</li><li><b>Essere pazienti</b> e ascoltare la persona "
                        "per tutto il tempo che i vincoli di lavoro "
                        "consentono.</li><li><b>Ripartire da zero con ogni "
                        "cliente</b>, per quanto difficile sia stata l'interazione "
                        "precedente.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Non portarti dietro il contatto precedente",
                        "text": (
                            "<p>Un errore frequente è lasciare che la tensione di un "
                            "contatto difficile si rifletta sul cliente successivo. "
                            "Chi arriva dopo non sa nulla di ciò che è successo prima "
                            "e merita un operatore disponibile e concentrato sulla sua "
                            "richiesta.</p>"
                        ),
                    },
                ),
                ("heading", "Lo stesso aiuto per tutti"),
                (
                    "paragraph",
                    (
                        "<p>Il servizio clienti non seleziona e non discrimina: a "
                        "chiunque entri in negozio o contatti l'azienda spetta lo "
                        "stesso livello di assistenza. Non è sempre facile. Alcune "
                        "persone sono molto esigenti e possono mettere alla prova la "
                        "tua pazienza; inoltre uomini, donne e bambini hanno "
                        "obiettivi, esperienze e modi di pensare e di comportarsi "
                        "diversi. Per questo devi adattare il tuo modo di comunicare "
                        "alla persona che hai davanti, così che il dialogo sia "
                        "efficace e il problema venga risolto.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "policy",
                        "title": "Parità di trattamento",
                        "text": (
                            "<p>Ogni cliente riceve lo stesso livello di aiuto, "
                            "chiunque sia e comunque si comporti. Adattare il "
                            "linguaggio alla persona è corretto; ridurre la qualità "
                            "dell'assistenza non lo è mai.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Punti chiave",
                        "points": [
                            (
                                "Il servizio clienti è un processo di assistenza "
                                "prima, durante e dopo l'acquisto, e anche un reparto "
                                "dell'azienda."
                            ),
                            (
                                "La filosofia guida è offrire a ogni cliente "
                                "un'esperienza positiva."
                            ),
                            "Servono domande giuste, soluzioni pratiche e pazienza.",
                            "Con ogni cliente si riparte da zero.",
                            (
                                "L'aiuto è lo stesso per tutti; cambia solo il modo di "
                                "comunicare."
                            ),
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "i-canali-del-servizio",
            "title": "I tre canali del servizio",
            "intro": (
                "Di persona, al telefono e per iscritto: che cosa cambia nel modo di "
                "assistere il cliente e quali regole seguire."
            ),
            "estimated_minutes": 15,
            "body": [
                (
                    "paragraph",
                    (
                        "<p>Puoi assistere i clienti in tre modi principali: <b>di "
                        "persona</b>, <b>al telefono</b> e <b>per iscritto</b>, per "
                        "esempio con e-mail e lettere. Le aziende di solito usano "
                        "tutti e tre i canali, ma spesso alcuni operatori si "
                        "specializzano in uno solo, perché la specializzazione aumenta "
                        "l'efficienza. Ogni canale ha le sue regole e le sue "
                        "difficoltà.</p>"
                    ),
                ),
                ("heading", "Di persona"),
                (
                    "paragraph",
                    (
                        "<p>L'assistenza faccia a faccia avviene soprattutto nei punti "
                        "vendita fisici e richiede tempo. Il percorso tipico è "
                        "questo:</p><ol><li>saluti il cliente quando "
                        "entra;</li><li>gli chiedi se puoi aiutarlo in qualche "
                        "modo;</li><li>se risponde di no, resti comunque disponibile "
                        "nel caso gli serva qualcosa più tardi;</li><li>quando se ne "
                        "va, lo ringrazi e gli auguri una buona giornata.</li></ol>"
                    ),
                ),
                ("heading", "Al telefono"),
                (
                    "paragraph",
                    (
                        "<p>L'assistenza telefonica si svolge di solito nel call "
                        "center dell'azienda. Le domande sono spesso molto ripetitive, "
                        "e questo può rendere il lavoro monotono. Inoltre chi chiama "
                        "lo fa quasi sempre perché ha un problema ed è turbato: per "
                        "questo devi mantenere la calma fin dal primo istante e usare "
                        "ogni tecnica utile a mettere la persona a suo agio. La "
                        "pressione per rispondere al maggior numero di domande e "
                        "risolvere il maggior numero di problemi è alta, ed è proprio "
                        "in quei momenti che la calma fa la differenza.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "policy",
                        "title": "Documenta ogni interazione",
                        "text": (
                            "<p>Ogni contatto telefonico va registrato. I dati "
                            "raccolti permettono ai responsabili di capire, anche in "
                            "termini statistici, che cosa sta succedendo, e "
                            "costituiscono la prova dell'assistenza che hai "
                            "fornito.</p>"
                        ),
                    },
                ),
                ("heading", "Per iscritto"),
                (
                    "paragraph",
                    (
                        "<p>L'assistenza scritta è delicata: una dichiarazione messa "
                        "per iscritto può avere un valore più vincolante, anche sul "
                        "piano legale. Per questo e-mail e lettere devono essere "
                        "concise e devi fare attenzione alle connotazioni delle "
                        "parole, cioè a ciò che un'espressione può lasciare intendere "
                        "oltre il suo significato letterale. Anche la rapidità conta: "
                        "chi gestisce la posta cartacea deve aprirla subito, perché "
                        "una lettera può contenere informazioni urgenti.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "policy",
                        "title": "Tempi di risposta",
                        "text": (
                            "<p>Rispetta i tempi di risposta fissati dall'azienda. Una "
                            "regola diffusa, e valida anche per noi, è rispondere a "
                            "ogni e-mail dei clienti <b>entro 24 ore</b>.</p>"
                        ),
                    },
                ),
                ("heading", "La formazione sulle regole"),
                (
                    "paragraph",
                    (
                        "<p>Alcune persone sono per natura più portate di altre a "
                        "servire il pubblico. Perché però il cliente abbia "
                        "l'impressione che tutta l'azienda sia pronta a fare un passo "
                        "in più, ogni operatore riceve una formazione di base. Questa "
                        "comprende le politiche del servizio clienti, per esempio "
                        "quanto dovrebbe durare una chiamata o quali tipi di "
                        "transazione sono ammessi, e a volte aspetti più legati al "
                        "marketing, come l'effetto della disposizione degli articoli "
                        "sul modo in cui il cliente si sente e su ciò che compra. Dopo "
                        "la formazione iniziale, le aziende la ripropongono "
                        "periodicamente quando serve.</p>"
                    ),
                ),
                ("heading", "Il saluto e l'attesa in pratica"),
                (
                    "do_dont",
                    {
                        "title": "Il saluto",
                        "pairs": [
                            {
                                "do": (
                                    "Al telefono, presentati con il nome dell'azienda "
                                    "e il tuo, poi chiedi come puoi essere utile."
                                ),
                                "dont": (
                                    "Rispondere con un «Pronto?» che lascia il "
                                    "cliente a chiedersi chi ha chiamato."
                                ),
                            },
                            {
                                "do": (
                                    "Allo sportello, saluta chi entra anche se stai "
                                    "servendo un'altra persona: un cenno basta."
                                ),
                                "dont": (
                                    "Ignorare chi aspetta finché non tocca a lui."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "dialogue",
                    {
                        "title": "Un cliente lasciato in attesa",
                        "channel": "phone",
                        "lines": [
                            {
                                "speaker": "cliente",
                                "text": (
                                    "Finalmente! Sono mezz'ora che ascolto la musica "
                                    "e il messaggio che la mia chiamata è importante."
                                ),
                            },
                            {
                                "speaker": "agente",
                                "text": (
                                    "Ha ragione, l'attesa è stata troppo lunga e me "
                                    "ne scuso. Sono Marta: mi dica pure, da qui in "
                                    "poi la seguo io."
                                ),
                            },
                            {
                                "speaker": "cliente",
                                "text": "Il rimborso del mio ordine non è arrivato.",
                            },
                            {
                                "speaker": "agente",
                                "text": (
                                    "Controllo subito. Se devo verificare con un "
                                    "collega, le dico prima quanto ci vorrà e la "
                                    "aggiorno ogni minuto."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Un cliente ti scrive un'e-mail il lunedì mattina. Entro "
                            "quando deve ricevere una risposta?"
                        ),
                        "options": [
                            {
                                "text": "Entro 24 ore.",
                                "correct": True,
                                "feedback": (
                                    "Esatto: è il tempo di risposta fissato "
                                    "dall'azienda per le e-mail dei clienti."
                                ),
                            },
                            {
                                "text": "Entro la fine della settimana.",
                                "correct": False,
                                "feedback": (
                                    "Troppo tardi: la regola aziendale chiede una "
                                    "risposta entro 24 ore."
                                ),
                            },
                            {
                                "text": "Quando hai risolto del tutto il problema.",
                                "correct": False,
                                "feedback": (
                                    "Non serve aspettare la soluzione: entro 24 ore "
                                    "il cliente deve sapere che ce ne stiamo "
                                    "occupando."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Punti chiave",
                        "points": [
                            (
                                "I canali principali sono tre: di persona, al telefono "
                                "e per iscritto."
                            ),
                            "Di persona: saluta, resta disponibile, ringrazia.",
                            (
                                "Al telefono: mantieni la calma e documenta ogni "
                                "interazione."
                            ),
                            (
                                "Per iscritto: sii conciso, attento alle connotazioni "
                                "e rapido."
                            ),
                            (
                                "Le politiche aziendali stabiliscono, tra l'altro, la "
                                "durata delle chiamate e le transazioni ammesse."
                            ),
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "il-feedback-dei-clienti",
            "title": "Il feedback dei clienti",
            "intro": (
                "Come l'azienda raccoglie le opinioni dei clienti e perché ogni "
                "commento, anche negativo, è una risorsa."
            ),
            "estimated_minutes": 15,
            "body": [
                (
                    "paragraph",
                    (
                        "<p>Molte aziende dedicano tempo ed energie a raccogliere il "
                        "feedback dei clienti, cioè le loro opinioni sul servizio "
                        "ricevuto. Non si tratta di un adempimento formale: il "
                        "feedback è uno degli strumenti principali per migliorare il "
                        "servizio e per rendere i clienti più fedeli.</p>"
                    ),
                ),
                ("heading", "Come si raccoglie e a che cosa serve"),
                (
                    "paragraph",
                    (
                        "<p>I canali di raccolta più comuni sono:</p><ul><li>sondaggi "
                        "telefonici;</li><li>questionari inviati per "
                        "posta;</li><li>sondaggi online;</li><li>domande rivolte "
                        "direttamente ai clienti, faccia a faccia, al banco "
                        "assistenza.</li></ul><p>Le informazioni raccolte servono a "
                        "capire che cosa l'azienda sta facendo bene e che cosa "
                        "potrebbe migliorare. Il feedback è particolarmente prezioso "
                        "quando l'azienda modifica i propri prodotti, i servizi, la "
                        "disposizione del punto vendita o le politiche generali, "
                        "perché aiuta i responsabili a capire se i cambiamenti portano "
                        "davvero un beneficio.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Anche tu raccogli feedback",
                        "text": (
                            "<p>Quando un cliente ti spiega che cosa gli è piaciuto o "
                            "che cosa non ha funzionato, ascoltalo con attenzione "
                            "senza interromperlo: ciò che ti sta dicendo è "
                            "un'informazione utile a tutta l'azienda.</p>"
                        ),
                    },
                ),
                ("heading", "La psicologia dei reclami"),
                (
                    "paragraph",
                    (
                        "<p>Secondo molti dirigenti, il senso stesso del feedback è "
                        "capire le <b>motivazioni reali</b> che stanno dietro alle "
                        "parole dei clienti, soprattutto quando i commenti sono "
                        "negativi. Questa comprensione, chiamata «psicologia dei "
                        "reclami», permette di sviluppare strategie e soluzioni mirate "
                        "ai problemi segnalati, invece di interventi generici.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Non fermarti alla superficie",
                        "text": (
                            "<p>Un errore comune è trattare un reclamo solo come uno "
                            "sfogo da calmare. Dietro a un commento negativo c'è quasi "
                            "sempre un motivo concreto: cercalo, perché è proprio ciò "
                            "che serve all'azienda per migliorare.</p>"
                        ),
                    },
                ),
                ("heading", "Perché il feedback conviene a tutti"),
                (
                    "paragraph",
                    (
                        "<p>Per il cliente, poter dire che cosa gli è piaciuto e che "
                        "cosa no è una forma di potere: si sente ascoltato. Se poi "
                        "l'azienda si impegna davvero a dargli ciò che ha chiesto, la "
                        "sua opinione sull'azienda nel suo complesso migliora. A quel "
                        "punto è più probabile che torni e che ne parli bene ad altre "
                        "persone, con effetti importanti sulle vendite e sui "
                        "profitti.</p>"
                    ),
                ),
                (
                    "key_points",
                    {
                        "title": "Punti chiave",
                        "points": [
                            (
                                "Il feedback si raccoglie al telefono, per posta, "
                                "online e di persona al banco assistenza."
                            ),
                            (
                                "Serve a capire che cosa funziona e che cosa "
                                "migliorare, soprattutto dopo un cambiamento."
                            ),
                            (
                                "La «psicologia dei reclami» cerca le motivazioni "
                                "reali dietro i commenti negativi."
                            ),
                            (
                                "Un cliente ascoltato torna e raccomanda l'azienda, "
                                "con effetti su vendite e profitti."
                            ),
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "standard-di-servizio-e-cultura-aziendale",
            "title": "Gli standard di servizio nella cultura aziendale",
            "intro": (
                "Perché l'azienda definisce regole di comportamento obbligatorie e "
                "quali aspetti del servizio vengono standardizzati."
            ),
            "estimated_minutes": 15,
            "body": [
                (
                    "paragraph",
                    (
                        "<p>Un servizio clienti di qualità è una delle componenti "
                        "principali delle relazioni esterne di un'organizzazione e ne "
                        "determina in larga parte la competitività. Per questo le "
                        "aziende che vogliono migliorare il rapporto con i clienti "
                        "dedicano sempre più attenzione a quest'area e considerano gli "
                        "standard di servizio parte integrante della propria cultura "
                        "aziendale.</p>"
                    ),
                ),
                ("heading", "Valori, norme e standard"),
                (
                    "paragraph",
                    (
                        "<p>Al centro della cultura aziendale c'è un <b>sistema di "
                        "valori</b>. I valori indicano la direzione generale del "
                        "lavoro; norme, standard e regole li rendono concreti nei "
                        "comportamenti di ogni giorno, e il loro rispetto è "
                        "obbligatorio. Le due parti servono entrambe: fissare regole "
                        "senza una base di valori condivisa non basta a ottenere un "
                        "comportamento corretto.</p><p>Gli <b>standard di servizio</b> "
                        "sono quindi le regole e le norme di comportamento che "
                        "l'organizzazione considera obbligatorie nel lavoro con i "
                        "clienti.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "policy",
                        "title": "Gli standard sono obbligatori",
                        "text": (
                            "<p>Gli standard di servizio definiti dall'azienda si "
                            "applicano a tutti gli operatori, in ogni contatto con il "
                            "cliente. Non sono suggerimenti: sono il modo in cui "
                            "l'azienda ha scelto di comportarsi con chi si rivolge a "
                            "lei.</p>"
                        ),
                    },
                ),
                ("heading", "Servizio «spontaneo» o servizio con regole"),
                (
                    "paragraph",
                    (
                        "<p>Un'organizzazione può servire i clienti in modo "
                        "«spontaneo» oppure sulla base di requisiti definiti. Senza "
                        "standard, la qualità dipende dalle singole persone, dal loro "
                        "umore del momento e perfino dal comportamento del cliente. "
                        "Con gli standard, invece, si afferma un modo di comunicare "
                        "riconoscibile e coerente: un vero e proprio modello di "
                        "comportamento verso il cliente.</p>"
                    ),
                ),
                ("heading", "I parametri di comportamento standardizzati"),
                (
                    "paragraph",
                    (
                        "<p>La qualità del servizio si basa su alcuni parametri di "
                        "comportamento standardizzati. I principali sono "
                        "sei:</p><ol><li><b>espressioni del viso e "
                        "gesti</b>;</li><li><b>lessico e formule verbali</b>, cioè le "
                        "parole e le frasi da usare;</li><li><b>prossemica</b>, cioè "
                        "la giusta distanza da mantenere con il cliente mentre gli "
                        "parli;</li><li><b>aspetto</b>: abbigliamento, trucco e "
                        "gioielli;</li><li><b>rapidità e tempi</b> del "
                        "servizio;</li><li><b>sicurezza</b> durante "
                        "l'interazione.</li></ol><p>Il contenuto degli standard non è "
                        "arbitrario: dipende da fattori interni ed esterni "
                        "all'organizzazione, come la normativa in vigore, le norme "
                        "culturali e le caratteristiche dei servizi e dei prodotti "
                        "offerti. Gli standard sono efficaci solo se chi li definisce "
                        "conosce questi fattori e ne tiene conto.</p>"
                    ),
                ),
                (
                    "key_points",
                    {
                        "title": "Punti chiave",
                        "points": [
                            (
                                "Un servizio di qualità determina in larga parte la "
                                "competitività dell'azienda."
                            ),
                            (
                                "Gli standard sono regole di comportamento "
                                "obbligatorie nel lavoro con i clienti."
                            ),
                            (
                                "Senza standard il servizio dipende dall'umore delle "
                                "persone."
                            ),
                            (
                                "I parametri sono sei: viso e gesti, lessico, "
                                "prossemica, aspetto, tempi, sicurezza."
                            ),
                            (
                                "Gli standard funzionano se tengono conto di "
                                "normativa, cultura e caratteristiche dell'offerta."
                            ),
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "la-centralita-del-cliente",
            "title": "La centralità del cliente",
            "intro": (
                "Che cosa significa mettere il cliente al centro, quali errori lo "
                "contraddicono e quali difficoltà incontra l'azienda."
            ),
            "estimated_minutes": 15,
            "body": [
                (
                    "paragraph",
                    (
                        "<p>La centralità del cliente, o orientamento al cliente, è un "
                        "concetto piuttosto vago, e ne esistono molte definizioni. In "
                        "questo corso ne usiamo due, che si completano a "
                        "vicenda:</p><ul><li>la capacità dell'azienda di costruire "
                        "relazioni <b>equilibrate e reciprocamente vantaggiose</b> con "
                        "i clienti esterni e con quelli interni;</li><li>un "
                        "<b>approccio al cliente alternativo</b> rispetto alle regole "
                        "classiche.</li></ul>"
                    ),
                ),
                ("heading", "Tre esempi di ciò che non va fatto"),
                (
                    "paragraph",
                    (
                        "<p>Spesso il modo più rapido per capire un concetto è "
                        "guardare il suo contrario. Ecco tre situazioni che molti "
                        "clienti conoscono bene:</p><ul><li>apri un conto in banca "
                        "aspettandoti un servizio moderno e scopri che l'internet "
                        "banking è a pagamento;</li><li>ordini un prodotto online, ma "
                        "il corriere non lo consegna al primo tentativo e non ha mai "
                        "chiamato prima per avvisarti;</li><li>chiami l'assistenza, "
                        "una voce registrata ti dice «resta in linea, la tua chiamata "
                        "è importante per noi» e poi aspetti più di mezz'ora prima di "
                        "parlare con un operatore.</li></ul><p>In nessuno dei tre casi "
                        "si può parlare di attenzione al cliente.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Le parole non bastano",
                        "text": (
                            "<p>Una frase cortese non compensa un servizio che la "
                            "smentisce. Il cliente giudica ciò che riceve davvero: "
                            "un'attesa di mezz'ora pesa più di qualsiasi messaggio di "
                            "benvenuto.</p>"
                        ),
                    },
                ),
                ("heading", "Più il cliente paga, più si aspetta"),
                (
                    "paragraph",
                    (
                        "<p>Pensa a un servizio sanitario. Se chiami la clinica "
                        "pubblica e nessuno risponde per molto tempo, il fatto non "
                        "sorprende più di tanto: da un servizio di fatto gratuito non "
                        "ci si aspetta un livello di assistenza elevato. Se invece la "
                        "clinica è privata e sei disposto a pagarne le prestazioni, "
                        "una chiamata senza risposta ti lascia quanto meno perplesso. "
                        "La regola è semplice: più il cliente è disposto a spendere, "
                        "più alte sono le sue aspettative.</p>"
                    ),
                ),
                ("heading", "Le tre difficoltà interne"),
                (
                    "paragraph",
                    (
                        "<p>Riorganizzare un'azienda intorno al cliente non è "
                        "semplice. Le difficoltà principali sono tre:</p><ol><li><b>Il "
                        "personale.</b> Sono i dipendenti a fare da tramite tra i "
                        "clienti e l'azienda, e dietro ogni progetto, nuovo o in "
                        "corso, ci sono loro. Devono quindi comprendere e condividere "
                        "gli obiettivi aziendali e il valore dell'attenzione al "
                        "cliente, e conoscere con chiarezza le procedure da seguire "
                        "nelle diverse situazioni.</li><li><b>Le risorse "
                        "finanziarie.</b> Ogni cambiamento richiede investimenti, e "
                        "l'attenzione al cliente non sempre produce grandi profitti in "
                        "tempi brevi; spesso però questo è compensato da un maggior "
                        "peso sul mercato e da un vantaggio competitivo.</li><li><b>Il "
                        "cliente stesso.</b> È probabilmente la difficoltà maggiore: "
                        "ogni prodotto e ogni servizio ha il proprio cliente, quindi è "
                        "difficile ricavare regole valide per tutti.</li></ol>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Il tuo ruolo",
                        "text": (
                            "<p>Sei tu il punto di contatto tra il cliente e "
                            "l'azienda. Conoscere bene le procedure ti permette di "
                            "rispondere con sicurezza anche nelle situazioni meno "
                            "comuni.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Punti chiave",
                        "points": [
                            (
                                "Centralità del cliente: relazioni equilibrate e "
                                "reciprocamente vantaggiose con clienti esterni e "
                                "interni."
                            ),
                            (
                                "Costi inattesi, consegne senza preavviso e lunghe "
                                "attese la contraddicono."
                            ),
                            "Più il cliente paga, più alte sono le sue aspettative.",
                            (
                                "Le difficoltà interne riguardano personale, risorse "
                                "finanziarie e varietà dei clienti."
                            ),
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "clienti-esterni-e-clienti-interni",
            "title": "Clienti esterni e clienti interni",
            "intro": (
                "Perché la qualità del servizio decide il futuro dell'azienda e perché "
                "anche i dipendenti sono clienti."
            ),
            "estimated_minutes": 15,
            "body": [
                (
                    "paragraph",
                    (
                        "<p>Un servizio clienti di qualità è essenziale per la "
                        "sopravvivenza e la crescita dell'azienda, per un motivo "
                        "semplice: la maggior parte dei ricavi arriva dai clienti. "
                        "Questo vale per i <b>clienti esterni</b>, le persone che "
                        "acquistano prodotti e servizi, ma riguarda anche i <b>clienti "
                        "interni</b>: i dipendenti.</p>"
                    ),
                ),
                ("heading", "Il cliente esterno sceglie in base al valore"),
                (
                    "paragraph",
                    (
                        "<p>Oggi i clienti scelgono il prodotto o il servizio che "
                        "offre loro il miglior rapporto tra qualità e prezzo. Nella "
                        "valutazione non entra solo ciò che acquistano, ma anche ciò "
                        "che ricevono dopo l'acquisto, compresa la qualità "
                        "dell'assistenza, e spesso è proprio questo a orientare la "
                        "decisione.</p><p>Quando un cliente telefona o scrive per una "
                        "richiesta o un reclamo, il tuo compito è fare in modo che la "
                        "sua esigenza sia soddisfatta:</p><ul><li>se non lo è, il "
                        "cliente può passare a un concorrente e, in molti casi, "
                        "chiedere anche il rimborso di quanto ha pagato: per l'azienda "
                        "è una perdita reale;</li><li>se lo è, in modo adeguato ed "
                        "entro un tempo accettabile, il cliente continua ad acquistare "
                        "e raccomanda l'azienda ad altri.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "policy",
                        "title": "Ogni richiesta ha una risposta",
                        "text": (
                            "<p>Ogni richiesta o reclamo va preso in carico e gestito "
                            "entro i tempi previsti dall'azienda. Una richiesta "
                            "rimasta senza risposta può trasformarsi in un cliente "
                            "perso e in un rimborso.</p>"
                        ),
                    },
                ),
                ("heading", "Il dipendente come cliente interno"),
                (
                    "paragraph",
                    (
                        "<p>Anche i dipendenti hanno esigenze che si aspettano vengano "
                        "soddisfatte in cambio del lavoro che svolgono. Si è osservato "
                        "che chi si sente seguito e tutelato dall'azienda è fortemente "
                        "motivato ad andare oltre ciò che gli standard di qualità "
                        "considerano accettabile, e si impegna perché i clienti "
                        "ricevano lo stesso trattamento che riceve lui.</p><p>Quando "
                        "invece le esigenze dei dipendenti restano insoddisfatte, le "
                        "conseguenze si vedono nel lavoro:</p><ul><li>frustrazione e "
                        "delusione verso l'azienda;</li><li>minore motivazione nello "
                        "svolgere compiti e responsabilità;</li><li>assenze più "
                        "frequenti;</li><li>in alcuni casi, un elevato tasso di "
                        "rotazione del personale.</li></ul><p>Come per i clienti "
                        "esterni, tutto questo ha un costo: l'azienda deve destinare "
                        "budget sempre maggiori al reclutamento, alla formazione e ai "
                        "risarcimenti per i dipendenti che ritengono di aver visto "
                        "violati o ignorati i propri diritti.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Parla di ciò che ti serve",
                        "text": (
                            "<p>Se qualcosa ti impedisce di offrire un buon servizio, "
                            "parlane con il tuo responsabile: anche le tue esigenze "
                            "fanno parte della qualità del servizio.</p>"
                        ),
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Punti chiave",
                        "points": [
                            (
                                "La maggior parte dei ricavi arriva dai clienti: la "
                                "qualità del servizio è essenziale."
                            ),
                            (
                                "I clienti valutano anche ciò che ricevono dopo "
                                "l'acquisto."
                            ),
                            (
                                "Un reclamo non gestito può costare il cliente e un "
                                "rimborso; uno gestito bene porta fedeltà e "
                                "raccomandazioni."
                            ),
                            "I dipendenti sono clienti interni, con esigenze proprie.",
                            (
                                "Dipendenti trascurati significano meno motivazione, "
                                "più assenze e più turnover."
                            ),
                        ],
                    },
                ),
            ],
        },
    ],
    "quiz": {
        "title": "Quiz finale: Fondamenti del servizio clienti",
        "pass_mark": 80,
        "questions": [
            {
                "text": "In quali momenti il servizio clienti assiste una persona?",
                "kind": "single",
                "explanation": (
                    "Il servizio clienti accompagna la persona in tutte le fasi: "
                    "prima, durante e dopo l'acquisto."
                ),
                "options": [
                    (
                        "Solo dopo l'acquisto, quando il cliente segnala un problema",
                        False,
                    ),
                    (
                        "Solo durante l'acquisto, per aiutare a concludere la vendita",
                        False,
                    ),
                    ("Prima, durante e dopo l'acquisto", True),
                    (
                        "Prima dell'acquisto, per orientare la scelta del prodotto",
                        False,
                    ),
                ],
            },
            {
                "text": "Quali abilità richiede un buon servizio clienti?",
                "kind": "multiple",
                "explanation": (
                    "Servono domande mirate, soluzioni pratiche e la capacità di "
                    "ripartire da zero con ogni cliente, mentre il modo di comunicare "
                    "va adattato alla persona."
                ),
                "options": [
                    ("Fare le domande giuste per capire il bisogno", True),
                    ("Usare con tutti esattamente lo stesso modo di comunicare", False),
                    ("Trovare soluzioni pratiche", True),
                    (
                        (
                            "Limitare le domande per chiudere il contatto il prima "
                            "possibile"
                        ),
                        False,
                    ),
                    (
                        (
                            "Ripartire da zero con ogni cliente, anche dopo un "
                            "contatto difficile"
                        ),
                        True,
                    ),
                ],
            },
            {
                "text": (
                    "Un cliente molto esigente mette alla prova la tua pazienza. Che "
                    "cosa prevede il principio di non discriminazione?"
                ),
                "kind": "single",
                "explanation": (
                    "Ogni cliente ha diritto allo stesso livello di aiuto; ciò che si "
                    "adatta è il modo di comunicare, non la qualità dell'assistenza."
                ),
                "options": [
                    (
                        (
                            "Puoi ridurre il livello di assistenza, visto che non "
                            "collabora"
                        ),
                        False,
                    ),
                    (
                        (
                            "Gli offri un aiuto maggiore rispetto agli altri, così "
                            "eviti un reclamo"
                        ),
                        False,
                    ),
                    (
                        "Lo aiuti come chiunque altro, adattando il modo di comunicare",
                        True,
                    ),
                    ("Lo trasferisci subito a un collega più esperto", False),
                ],
            },
            {
                "text": "Perché devi documentare ogni interazione telefonica?",
                "kind": "single",
                "explanation": (
                    "La documentazione permette ai responsabili di capire che cosa sta "
                    "succedendo e costituisce la prova dell'assistenza fornita."
                ),
                "options": [
                    (
                        "Perché serve soltanto a calcolare la durata media delle pause",
                        False,
                    ),
                    (
                        (
                            "Perché i dati spiegano ciò che accade e provano "
                            "l'assistenza data"
                        ),
                        True,
                    ),
                    (
                        (
                            "Perché permette di ricontattare il cliente con offerte "
                            "commerciali mirate"
                        ),
                        False,
                    ),
                    (
                        (
                            "Perché sostituisce il feedback che l'azienda raccoglie "
                            "con i sondaggi"
                        ),
                        False,
                    ),
                ],
            },
            {
                "text": "Quali attenzioni richiede l'assistenza per iscritto?",
                "kind": "multiple",
                "explanation": (
                    "Le risposte scritte devono essere concise e attente alle "
                    "connotazioni, perché una dichiarazione scritta può essere più "
                    "vincolante, anche legalmente."
                ),
                "options": [
                    (
                        "Scrivere risposte lunghe che coprano ogni possibile dettaglio",
                        False,
                    ),
                    ("Essere concisi", True),
                    ("Fare attenzione alle connotazioni delle parole", True),
                    (
                        (
                            "Ricordare che ciò che è scritto può essere più "
                            "vincolante, anche sul piano legale"
                        ),
                        True,
                    ),
                    (
                        "Aprire la posta cartacea solo dopo aver evaso tutte le e-mail",
                        False,
                    ),
                ],
            },
            {
                "text": (
                    "Durante l'assistenza di persona, un cliente ti dice che non ha "
                    "bisogno di aiuto. Come ti comporti?"
                ),
                "kind": "single",
                "explanation": (
                    "Anche se il cliente rifiuta l'aiuto, resti disponibile nel caso "
                    "gli serva qualcosa e, quando esce, lo ringrazi."
                ),
                "options": [
                    ("Resti disponibile e, quando se ne va, lo ringrazi", True),
                    ("Insisti per mostrargli i prodotti principali", False),
                    ("Lo lasci solo e ti dedichi ad altro fino alla sua uscita", False),
                    (
                        "Gli chiedi di rivolgersi al banco assistenza se cambia idea",
                        False,
                    ),
                ],
            },
            {
                "text": (
                    "Con quali strumenti l'azienda può raccogliere il feedback dei "
                    "clienti?"
                ),
                "kind": "multiple",
                "explanation": (
                    "Il feedback si raccoglie con sondaggi telefonici, postali e "
                    "online e con domande dirette al banco assistenza, non solo "
                    "attraverso i reclami."
                ),
                "options": [
                    ("Sondaggi online", True),
                    ("Esclusivamente tramite i reclami formali scritti", False),
                    ("Questionari inviati per posta", True),
                    ("Domande rivolte ai clienti al banco assistenza", True),
                ],
            },
            {
                "text": "Che cosa si intende con «psicologia dei reclami»?",
                "kind": "single",
                "explanation": (
                    "Si tratta di capire le motivazioni reali dietro i commenti "
                    "negativi, per sviluppare soluzioni mirate."
                ),
                "options": [
                    (
                        (
                            "Le tecniche per convincere il cliente a ritirare un "
                            "reclamo già presentato"
                        ),
                        False,
                    ),
                    ("La classificazione dei reclami in base alla loro gravità", False),
                    (
                        "Lo studio delle reazioni emotive degli operatori ai reclami",
                        False,
                    ),
                    (
                        (
                            "La comprensione delle motivazioni reali dietro i commenti "
                            "negativi"
                        ),
                        True,
                    ),
                ],
            },
            {
                "text": "Che cosa sono gli standard di servizio?",
                "kind": "single",
                "explanation": (
                    "Gli standard sono le regole e le norme di comportamento che "
                    "l'organizzazione considera obbligatorie nel lavoro con i clienti."
                ),
                "options": [
                    (
                        (
                            "Suggerimenti che ogni operatore può seguire quando li "
                            "ritiene utili"
                        ),
                        False,
                    ),
                    (
                        "Regole di comportamento obbligatorie nel lavoro con i clienti",
                        True,
                    ),
                    ("Gli obiettivi di vendita assegnati a ciascun reparto", False),
                    ("I valori generali dell'azienda, senza regole concrete", False),
                ],
            },
            {
                "text": (
                    "Quali tra questi sono parametri di comportamento standardizzati?"
                ),
                "kind": "multiple",
                "explanation": (
                    "I parametri standardizzati sono viso e gesti, lessico e formule "
                    "verbali, prossemica, aspetto, rapidità e tempi, sicurezza."
                ),
                "options": [
                    ("Prossemica, cioè la giusta distanza dal cliente", True),
                    ("Livello di sconto concesso a ogni cliente", False),
                    ("Lessico e formule verbali", True),
                    ("Rapidità e tempi del servizio", True),
                    ("Opinioni personali dell'operatore sui prodotti", False),
                ],
            },
            {
                "text": (
                    "Che cosa succede in un'azienda che serve i clienti senza standard?"
                ),
                "kind": "single",
                "explanation": (
                    "Senza standard il servizio dipende dalle singole persone, dal "
                    "loro umore e dal comportamento del cliente."
                ),
                "options": [
                    (
                        (
                            "Il servizio diventa più rapido, perché l'operatore non ha "
                            "regole da rispettare"
                        ),
                        False,
                    ),
                    ("Tutti i clienti ricevono comunque lo stesso trattamento", False),
                    (
                        (
                            "La qualità varia con le persone, il loro umore e il "
                            "comportamento del cliente"
                        ),
                        True,
                    ),
                    ("Il servizio è più autentico e quindi sempre migliore", False),
                ],
            },
            {
                "text": (
                    "Quale di queste situazioni è un esempio di scarsa attenzione al "
                    "cliente?"
                ),
                "kind": "single",
                "explanation": (
                    "Far pagare un servizio che il cliente si aspettava come parte di "
                    "un'offerta moderna contraddice la centralità del cliente."
                ),
                "options": [
                    (
                        (
                            "Un corriere che telefona prima per concordare il giorno "
                            "della consegna"
                        ),
                        False,
                    ),
                    (
                        (
                            "Un operatore che ringrazia il cliente alla fine della "
                            "chiamata"
                        ),
                        False,
                    ),
                    ("Una banca che a sorpresa fa pagare l'internet banking", True),
                    (
                        (
                            "Un negozio che chiede un parere ai clienti dopo aver "
                            "cambiato la disposizione"
                        ),
                        False,
                    ),
                ],
            },
            {
                "text": (
                    "Quali sono le difficoltà interne nel riorganizzare l'azienda "
                    "intorno al cliente?"
                ),
                "kind": "multiple",
                "explanation": (
                    "Le tre difficoltà sono il personale, le risorse finanziarie e il "
                    "cliente stesso, perché ogni prodotto ha il proprio."
                ),
                "options": [
                    (
                        (
                            "Il personale, che deve condividere gli obiettivi e "
                            "conoscere le procedure"
                        ),
                        True,
                    ),
                    (
                        (
                            "Le risorse finanziarie, perché i risultati non sempre "
                            "arrivano subito"
                        ),
                        True,
                    ),
                    ("La scarsità di canali di contatto disponibili", False),
                    ("Il cliente stesso, perché ogni prodotto ha il suo", True),
                    ("L'assenza di concorrenti sul mercato", False),
                ],
            },
            {
                "text": (
                    "Quali conseguenze può avere la mancata soddisfazione delle "
                    "esigenze dei dipendenti?"
                ),
                "kind": "multiple",
                "explanation": (
                    "Dipendenti trascurati diventano frustrati e meno motivati, si "
                    "assentano più spesso e lasciano l'azienda, con costi di "
                    "reclutamento, formazione e risarcimenti."
                ),
                "options": [
                    ("Assenze più frequenti", True),
                    ("Riduzione dei costi di formazione", False),
                    ("Minore motivazione nel lavoro", True),
                    ("Elevato tasso di rotazione del personale", True),
                    ("Maggiore impegno oltre gli standard di qualità", False),
                ],
            },
            {
                "text": (
                    "Un cliente scrive per un reclamo che non viene gestito. Qual è "
                    "una conseguenza possibile?"
                ),
                "kind": "single",
                "explanation": (
                    "Un reclamo non gestito può spingere il cliente verso un "
                    "concorrente e portarlo a chiedere il rimborso, con una perdita "
                    "reale per l'azienda."
                ),
                "options": [
                    (
                        "L'azienda risparmia il tempo che avrebbe dedicato al reclamo",
                        False,
                    ),
                    (
                        "Il cliente può passare alla concorrenza e farsi rimborsare",
                        True,
                    ),
                    (
                        "Il cliente resta fedele ma lascia una recensione negativa",
                        False,
                    ),
                    ("Nessuna, se il prodotto acquistato funziona", False),
                ],
            },
        ],
    },
}

REFRESHER = {
    "slug": "aggiornamento-standard-di-servizio",
    "title": "Aggiornamento: gli standard di servizio",
    "summary": (
        "Un ripasso degli standard di servizio: i sei parametri di comportamento "
        "applicati allo sportello, al telefono e in chat, i fattori che li determinano "
        "e perché tutelano sia il cliente sia l'operatore."
    ),
    "kind": "refresher",
    "estimated_minutes": 30,
    "modules": [
        {
            "slug": "i-sei-parametri-nei-canali",
            "title": "I sei parametri di comportamento, canale per canale",
            "intro": (
                "Come si applicano gli standard di comportamento allo sportello, al "
                "telefono e in chat."
            ),
            "estimated_minutes": 15,
            "body": [
                (
                    "paragraph",
                    (
                        "<p>Gli standard di servizio sono le regole di comportamento "
                        "che l'azienda considera obbligatorie nel lavoro con i "
                        "clienti, e la qualità del servizio si basa su sei parametri "
                        "standardizzati. In questo modulo li ripassiamo e vediamo come "
                        "si applicano nei tre contesti in cui lavori più spesso: lo "
                        "sportello, il telefono e la chat.</p>"
                    ),
                ),
                ("heading", "Allo sportello"),
                (
                    "paragraph",
                    (
                        "<p>Di persona il cliente percepisce tutti e sei i "
                        "parametri:</p><ul><li><b>espressioni del viso e gesti</b> "
                        "accompagnano il saluto iniziale e il ringraziamento "
                        "finale;</li><li><b>lessico e formule verbali</b> seguono le "
                        "frasi previste dall'azienda;</li><li><b>prossemica</b>: "
                        "mantieni la giusta distanza dal cliente mentre gli "
                        "parli;</li><li><b>aspetto</b>: abbigliamento, trucco e "
                        "gioielli rispettano le indicazioni "
                        "aziendali;</li><li><b>rapidità e tempi</b>: rispetti i tempi "
                        "di servizio stabiliti;</li><li><b>sicurezza</b>: "
                        "l'interazione si svolge in condizioni sicure per il cliente e "
                        "per te.</li></ul>"
                    ),
                ),
                ("heading", "Al telefono"),
                (
                    "paragraph",
                    (
                        "<p>Al telefono il cliente non ti vede, ma gli standard "
                        "restano validi. Lessico e formule verbali diventano lo "
                        "strumento principale: sono le parole a trasmettere calma a "
                        "chi chiama, spesso turbato da un problema. Anche rapidità e "
                        "tempi contano molto: le politiche aziendali indicano quanto "
                        "dovrebbe durare una chiamata, e un'attesa di mezz'ora dopo il "
                        "messaggio «la tua chiamata è importante per noi» è proprio "
                        "ciò che gli standard servono a evitare. Infine, ricorda che "
                        "ogni interazione va documentata.</p>"
                    ),
                ),
                ("heading", "In chat"),
                (
                    "paragraph",
                    (
                        "<p>La chat è comunicazione scritta, quindi valgono le stesse "
                        "attenzioni di e-mail e lettere: messaggi concisi, cura delle "
                        "connotazioni e consapevolezza che ciò che scrivi può avere un "
                        "valore vincolante, anche sul piano legale. Qui lessico e "
                        "formule verbali sono l'unico modo per esprimere cortesia, e "
                        "anche la rapidità di risposta deve rispettare i tempi fissati "
                        "dall'azienda.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Il canale non cambia lo standard",
                        "text": (
                            "<p>Un errore comune è pensare che gli standard valgano "
                            "solo allo sportello, dove il cliente ti vede. Da un "
                            "canale all'altro cambia il modo di applicarli, non il "
                            "loro carattere obbligatorio.</p>"
                        ),
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Un parametro alla volta",
                        "text": (
                            "<p>Alla fine del turno, scegli uno dei sei parametri e "
                            "chiediti come l'hai applicato nei contatti della "
                            "giornata. È un modo semplice per trasformare lo standard "
                            "in un'abitudine.</p>"
                        ),
                    },
                ),
                ("heading", "Gli standard in una tabella"),
                (
                    "table",
                    {
                        "caption": "Che cosa conta di più in ogni canale",
                        "columns": [
                            {"type": "text", "heading": "Canale"},
                            {"type": "text", "heading": "Parametri in primo piano"},
                            {"type": "text", "heading": "Da ricordare"},
                        ],
                        "rows": [
                            {
                                "values": [
                                    "Sportello",
                                    "Tutti e sei, dall'aspetto alla prossemica",
                                    "Saluta chi entra e ringrazia chi esce",
                                ]
                            },
                            {
                                "values": [
                                    "Telefono",
                                    "Lessico e formule verbali, rapidità e tempi",
                                    "Nessuna attesa lunga senza notizie",
                                ]
                            },
                            {
                                "values": [
                                    "Chat",
                                    "Lessico e formule verbali, rapidità e tempi",
                                    "Frasi brevi e chiare, senza ambiguità",
                                ]
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Al telefono il cliente non ti vede. Quali standard "
                            "restano validi?"
                        ),
                        "options": [
                            {
                                "text": "Solo quelli sulla rapidità.",
                                "correct": False,
                                "feedback": (
                                    "La rapidità conta, ma non è l'unico parametro: "
                                    "le parole che scegli pesano ancora di più."
                                ),
                            },
                            {
                                "text": (
                                    "Tutti quelli che il cliente percepisce, a "
                                    "cominciare da lessico e formule verbali."
                                ),
                                "correct": True,
                                "feedback": (
                                    "Giusto: lo standard non dipende dal canale; "
                                    "cambia solo quali parametri il cliente nota."
                                ),
                            },
                            {
                                "text": "Nessuno: gli standard valgono allo sportello.",
                                "correct": False,
                                "feedback": (
                                    "Gli standard valgono in ogni canale: al "
                                    "telefono sono le parole a trasmettere calma."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "key_points",
                    {
                        "title": "Punti chiave",
                        "points": [
                            (
                                "I sei parametri: viso e gesti, lessico e formule, "
                                "prossemica, aspetto, rapidità e tempi, sicurezza."
                            ),
                            "Allo sportello il cliente li percepisce tutti.",
                            "Al telefono contano soprattutto le parole e i tempi.",
                            "In chat valgono le regole della comunicazione scritta.",
                            "Gli standard sono obbligatori in ogni canale.",
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "perche-gli-standard-contano",
            "title": "Perché gli standard tutelano cliente e operatore",
            "intro": (
                "Il servizio «spontaneo» a confronto con quello basato su regole, e i "
                "fattori che danno forma agli standard."
            ),
            "estimated_minutes": 15,
            "body": [
                (
                    "paragraph",
                    (
                        "<p>Un servizio di qualità è una delle componenti principali "
                        "delle relazioni esterne di un'azienda e ne determina in larga "
                        "parte la competitività. Gli standard di servizio sono lo "
                        "strumento con cui l'azienda rende concreti i propri valori. "
                        "In questo modulo ripassiamo perché sono preferibili a un "
                        "servizio lasciato all'improvvisazione e da che cosa dipende "
                        "il loro contenuto.</p>"
                    ),
                ),
                ("heading", "Servizio spontaneo e servizio con regole"),
                (
                    "paragraph",
                    (
                        "<p>Un'azienda può servire i clienti «spontaneamente» oppure "
                        "sulla base di requisiti definiti. Nel primo caso tutto "
                        "dipende dalle singole persone: dal loro umore, dalla loro "
                        "giornata e perfino dal comportamento del cliente. Nel secondo "
                        "si afferma un modo di comunicare riconoscibile, un modello di "
                        "comportamento che non cambia da un operatore "
                        "all'altro.</p><p>Le regole da sole, però, non bastano: "
                        "servono anche valori condivisi che indichino la direzione del "
                        "lavoro. Le norme hanno il compito di tradurre quei valori in "
                        "comportamenti concreti.</p>"
                    ),
                ),
                ("heading", "Chi viene tutelato"),
                (
                    "paragraph",
                    (
                        "<p>Gli standard proteggono entrambe le parti "
                        "dell'interazione:</p><ul><li><b>il cliente</b> riceve lo "
                        "stesso livello di assistenza, senza discriminazioni, chiunque "
                        "sia l'operatore e qualunque sia il suo "
                        "umore;</li><li><b>tu</b> sai con chiarezza che cosa ci si "
                        "aspetta da te e quali procedure seguire nelle diverse "
                        "situazioni, anche con i clienti più esigenti; inoltre, "
                        "documentando ogni interazione, hai la prova dell'assistenza "
                        "che hai fornito.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "policy",
                        "title": "Il rispetto degli standard",
                        "text": (
                            "<p>Gli standard di servizio sono obbligatori per tutti "
                            "gli operatori. Se una situazione non è coperta dalle "
                            "procedure che conosci, chiedi indicazioni al tuo "
                            "responsabile invece di improvvisare.</p>"
                        ),
                    },
                ),
                ("heading", "I fattori che danno forma agli standard"),
                (
                    "paragraph",
                    (
                        "<p>Il contenuto degli standard non nasce dal nulla: dipende "
                        "da fattori interni ed esterni all'organizzazione. Tra "
                        "questi:</p><ul><li>la <b>normativa</b> che regola "
                        "l'attività;</li><li>le <b>norme culturali</b> del contesto in "
                        "cui l'azienda opera;</li><li>le <b>caratteristiche dei "
                        "servizi e dei prodotti</b> offerti.</li></ul><p>L'efficacia "
                        "degli standard dipende da quanto chi li sviluppa conosce "
                        "questi fattori e ne tiene conto. Conoscerli aiuta anche te a "
                        "capire il perché di ogni regola, non solo il che cosa.</p>"
                    ),
                ),
                (
                    "key_points",
                    {
                        "title": "Punti chiave",
                        "points": [
                            (
                                "Senza standard il servizio dipende dall'umore delle "
                                "persone e dal comportamento del cliente."
                            ),
                            (
                                "Le regole rendono concreti i valori, ma da sole non "
                                "bastano."
                            ),
                            (
                                "Gli standard garantiscono al cliente lo stesso "
                                "livello di assistenza con ogni operatore."
                            ),
                            (
                                "All'operatore danno procedure chiare e la prova del "
                                "lavoro svolto."
                            ),
                            (
                                "Normativa, norme culturali e caratteristiche "
                                "dell'offerta determinano il contenuto degli standard."
                            ),
                        ],
                    },
                ),
            ],
        },
    ],
    "quiz": {
        "title": "Quiz: gli standard di servizio",
        "pass_mark": 80,
        "questions": [
            {
                "text": (
                    "Quale di questi elementi NON è uno dei sei parametri di "
                    "comportamento standardizzati?"
                ),
                "kind": "single",
                "explanation": (
                    "I parametri riguardano il comportamento dell'operatore, non i "
                    "risultati commerciali come il numero di prodotti venduti."
                ),
                "options": [
                    ("L'aspetto: abbigliamento, trucco e gioielli", False),
                    (
                        (
                            "La sicurezza del cliente e dell'operatore durante "
                            "l'interazione"
                        ),
                        False,
                    ),
                    ("Il numero di prodotti venduti a ogni cliente", True),
                    ("La prossemica", False),
                ],
            },
            {
                "text": "Che cos'è la prossemica?",
                "kind": "single",
                "explanation": (
                    "La prossemica riguarda la giusta distanza da mantenere con il "
                    "cliente durante la comunicazione."
                ),
                "options": [
                    ("L'insieme delle formule verbali di saluto e di congedo", False),
                    (
                        (
                            "La giusta distanza da mantenere con il cliente mentre gli "
                            "parli"
                        ),
                        True,
                    ),
                    ("La rapidità con cui si risponde a una richiesta", False),
                    (
                        (
                            "L'uso consapevole delle espressioni del viso per mostrare "
                            "disponibilità"
                        ),
                        False,
                    ),
                ],
            },
            {
                "text": "Quali elementi rientrano nel parametro «aspetto»?",
                "kind": "multiple",
                "explanation": (
                    "Il parametro «aspetto» comprende abbigliamento, trucco e gioielli."
                ),
                "options": [
                    ("Abbigliamento", True),
                    ("Tono di voce", False),
                    ("Trucco", True),
                    ("Gioielli", True),
                    ("Velocità di battitura in chat", False),
                ],
            },
            {
                "text": "Quali regole valgono quando assisti un cliente in chat?",
                "kind": "single",
                "explanation": (
                    "La chat è comunicazione scritta: servono concisione, attenzione "
                    "alle connotazioni e consapevolezza che ciò che scrivi può essere "
                    "vincolante."
                ),
                "options": [
                    (
                        (
                            "Nessuna regola particolare, perché la chat è un canale "
                            "informale"
                        ),
                        False,
                    ),
                    ("Solo quelle sui tempi di risposta fissati dall'azienda", False),
                    (
                        "Le stesse regole di prossemica che valgono allo sportello",
                        False,
                    ),
                    (
                        "Quelle della comunicazione scritta, come per e-mail e lettere",
                        True,
                    ),
                ],
            },
            {
                "text": (
                    "Perché un servizio basato su standard è preferibile a un servizio "
                    "«spontaneo»?"
                ),
                "kind": "single",
                "explanation": (
                    "Con gli standard la qualità non dipende dall'umore del singolo "
                    "operatore né dal comportamento del cliente."
                ),
                "options": [
                    (
                        (
                            "Perché non dipende dall'umore dell'operatore né dal "
                            "comportamento del cliente"
                        ),
                        True,
                    ),
                    (
                        (
                            "Perché lascia all'operatore la libertà di decidere caso "
                            "per caso come comportarsi con il cliente"
                        ),
                        False,
                    ),
                    (
                        "Perché rende superfluo ascoltare le richieste del cliente",
                        False,
                    ),
                    ("Perché riduce il numero di contatti da gestire", False),
                ],
            },
            {
                "text": "In che modo gli standard tutelano anche l'operatore?",
                "kind": "multiple",
                "explanation": (
                    "Gli standard danno all'operatore procedure chiare, e la "
                    "documentazione di ogni interazione prova l'assistenza fornita."
                ),
                "options": [
                    (
                        (
                            "Gli permettono di rifiutare l'assistenza ai clienti più "
                            "esigenti"
                        ),
                        False,
                    ),
                    ("Indicano con chiarezza le procedure da seguire", True),
                    ("Lo esonerano dal rispettare i tempi di servizio", False),
                    (
                        (
                            "Documentare ogni interazione fornisce la prova "
                            "dell'assistenza data"
                        ),
                        True,
                    ),
                ],
            },
            {
                "text": (
                    "Quali fattori determinano il contenuto degli standard di servizio?"
                ),
                "kind": "multiple",
                "explanation": (
                    "Gli standard dipendono da fattori interni ed esterni come "
                    "normativa, norme culturali e caratteristiche di servizi e "
                    "prodotti."
                ),
                "options": [
                    ("Le norme culturali", True),
                    ("Le preferenze personali di ciascun operatore", False),
                    ("La normativa", True),
                    ("Le caratteristiche dei servizi e dei prodotti offerti", True),
                    ("L'umore del cliente al momento del contatto", False),
                ],
            },
            {
                "text": (
                    "Oltre alle regole, che cosa serve per ottenere un comportamento "
                    "corretto verso il cliente?"
                ),
                "kind": "single",
                "explanation": (
                    "Le regole da sole non bastano: serve un sistema di valori "
                    "condiviso che indichi la direzione del lavoro."
                ),
                "options": [
                    (
                        (
                            "Controlli più frequenti e severi sul lavoro quotidiano "
                            "degli operatori"
                        ),
                        False,
                    ),
                    (
                        (
                            "Un sistema di valori condiviso che indichi la direzione "
                            "del lavoro"
                        ),
                        True,
                    ),
                    ("Nient'altro: le regole sono sufficienti", False),
                    ("Un premio economico per ogni cliente soddisfatto", False),
                ],
            },
        ],
    },
}

# The question bank by topic. The quizzes above keep their fixed questions and
# draw from these topics, so every attempt sees a different mix.
TOPICS = {
    "scenari": {
        "name": "Scenari con il cliente",
        "description": "Situazioni reali: scegli la risposta migliore.",
    },
    "procedure": {
        "name": "Procedure e canali",
        "description": "Passi da seguire e caratteristiche dei canali.",
    },
}

BANK = [
    {
        "topic": "scenari",
        "kind": "scenario",
        "text": "Il cliente ha atteso a lungo in linea. Qual è la tua prima risposta?",
        "scenario": (
            "Un cliente chiama il numero di assistenza. Per più di mezz'ora ha "
            "ascoltato il messaggio registrato che ripete quanto la sua chiamata "
            "sia importante. Quando finalmente rispondi, è molto irritato."
        ),
        "dialogue": (
            "Cliente: Finalmente! Sono trentacinque minuti che aspetto, e il "
            "vostro messaggio continua a dirmi che sono importante.\n"
            "Operatore: …"
        ),
        "explanation": (
            "Riconoscere l'attesa e scusarsi in modo sincero, poi passare subito al "
            "problema, dimostra che il messaggio registrato non era solo una formula."
        ),
        "options": [
            {
                "text": (
                    "Le chiedo scusa per l'attesa, è stata davvero troppo lunga. Mi "
                    "dica pure: da questo momento me ne occupo io."
                ),
                "correct": True,
                "feedback": (
                    "Giusto: riconosci il disagio, ti scusi senza giustificarti e "
                    "prendi in carico la richiesta."
                ),
            },
            {
                "text": (
                    "Oggi le linee sono molto intasate, purtroppo non dipende da me."
                ),
                "correct": False,
                "feedback": (
                    "Spiegare il motivo non basta: il cliente sente che scarichi la "
                    "responsabilità e che la sua attesa non conta."
                ),
            },
            {
                "text": "Mi dia il codice cliente, per favore.",
                "correct": False,
                "feedback": (
                    "Chiedere subito i dati ignora l'emozione del cliente: prima "
                    "riconosci l'attesa, poi raccogli le informazioni."
                ),
            },
            {
                "text": (
                    "Se preferisce, può scriverci un'e-mail: di solito rispondiamo "
                    "entro qualche giorno."
                ),
                "correct": False,
                "feedback": (
                    "Dirottare il cliente su un altro canale dopo mezz'ora di attesa "
                    "aggiunge frustrazione invece di risolvere."
                ),
            },
        ],
    },
    {
        "topic": "scenari",
        "kind": "scenario",
        "text": "Il corriere non ha avvisato. Che cosa rispondi alla cliente?",
        "scenario": (
            "Una cliente scrive in chat: ha ordinato un divano nel negozio online, "
            "ma il corriere si è presentato senza telefonare prima, non l'ha "
            "trovata in casa e ha riportato la merce in magazzino."
        ),
        "dialogue": (
            "Cliente: Ho preso un giorno di ferie per la consegna sbagliato, e "
            "nessuno mi ha chiamato. Adesso che cosa devo fare?\n"
            "Operatore: …"
        ),
        "explanation": (
            "La cliente ha subito un disservizio che non dipende da lei: serve "
            "prendersene carico e proporre una soluzione concreta, con un preavviso "
            "garantito."
        ),
        "options": [
            {
                "text": (
                    "Mi dispiace, la consegna doveva essere preannunciata. Fissiamo "
                    "subito una nuova data a sua scelta e le garantisco una "
                    "telefonata del corriere un'ora prima."
                ),
                "correct": True,
                "feedback": (
                    "Giusto: ammetti il disservizio e offri una soluzione concreta "
                    "che evita che si ripeta."
                ),
            },
            {
                "text": (
                    "Il corriere è un'azienda esterna: deve contattare direttamente "
                    "loro."
                ),
                "correct": False,
                "feedback": (
                    "Per la cliente il servizio è uno solo: rimandarla a un terzo "
                    "la lascia sola con il problema."
                ),
            },
            {
                "text": (
                    "Sul sito è indicato che la consegna avviene in una fascia di "
                    "otto ore."
                ),
                "correct": False,
                "feedback": (
                    "Citare le condizioni ha ragione sulla forma ma non risolve: "
                    "la cliente si sente accusata."
                ),
            },
        ],
    },
    {
        "topic": "scenari",
        "kind": "scenario",
        "text": "Il cliente contesta un costo che non si aspettava. Come rispondi?",
        "scenario": (
            "Un cliente ha appena aperto un conto allo sportello. Scopre solo ora "
            "che il servizio di banca online, che dava per incluso, ha un canone "
            "mensile."
        ),
        "dialogue": (
            "Cliente: Nel 2026 devo pagare per usare l'app? Nessuno me l'ha detto "
            "quando ho firmato.\n"
            "Operatore: …"
        ),
        "explanation": (
            "Il cliente si aspettava un servizio gratuito: informarlo con "
            "chiarezza, riconoscere che andava detto prima e cercare l'opzione più "
            "adatta a lui trasforma un reclamo in fiducia."
        ),
        "options": [
            {
                "text": (
                    "Ha ragione, andava spiegato prima della firma. Vediamo insieme "
                    "le offerte: ce n'è una con la banca online inclusa che potrebbe "
                    "fare al caso suo."
                ),
                "correct": True,
                "feedback": (
                    "Giusto: ammetti la mancanza di informazione e cerchi una "
                    "soluzione adatta al cliente."
                ),
            },
            {
                "text": "È tutto scritto nel contratto che ha firmato.",
                "correct": False,
                "feedback": (
                    "Vero, ma il cliente si sente ingannato: la risposta chiude il "
                    "dialogo e alimenta il reclamo."
                ),
            },
            {
                "text": "Non posso farci niente, sono le tariffe della banca.",
                "correct": False,
                "feedback": (
                    "Mostrarsi impotenti lascia il cliente senza alternative; "
                    "esistono quasi sempre opzioni da proporre."
                ),
            },
        ],
    },
    {
        "topic": "procedure",
        "kind": "true_false",
        "text": (
            "Vero o falso: una risposta scritta può essere più vincolante, anche "
            "sul piano legale, di una detta a voce."
        ),
        "explanation": (
            "Ciò che è scritto resta e può essere citato: per questo le risposte "
            "scritte vanno curate nella forma e nel contenuto."
        ),
        "options": [
            {"text": "Vero", "correct": True},
            {
                "text": "Falso",
                "correct": False,
                "feedback": "Lo scritto resta ed è più facile da far valere.",
            },
        ],
    },
    {
        "topic": "procedure",
        "kind": "short_text",
        "text": (
            "Come si chiama la giusta distanza da mantenere con il cliente mentre "
            "gli parli? (una parola)"
        ),
        "explanation": "Si chiama prossemica.",
        "options": [{"text": "prossemica", "correct": True}],
    },
    {
        "topic": "procedure",
        "kind": "ordering",
        "text": "Metti in ordine i passi per gestire un reclamo al telefono.",
        "partial_credit": True,
        "explanation": (
            "Prima si ascolta e si riconosce il problema, poi si verifica, si "
            "propone una soluzione e infine si documenta il contatto."
        ),
        "options": [
            {"text": "Ascoltare il cliente senza interromperlo", "correct": True},
            {"text": "Riconoscere il disagio e scusarsi", "correct": True},
            {"text": "Verificare i dati della pratica", "correct": True},
            {"text": "Proporre una soluzione concreta", "correct": True},
            {"text": "Documentare l'interazione", "correct": True},
        ],
    },
    {
        "topic": "procedure",
        "kind": "matching",
        "text": "Abbina ogni canale all'attenzione che richiede di più.",
        "partial_credit": True,
        "explanation": (
            "Ogni canale ha le sue regole: al telefono conta la voce, per iscritto "
            "la concisione, di persona la distanza."
        ),
        "options": [
            {"text": "Telefono", "correct": True, "match": "Tono di voce"},
            {"text": "E-mail", "correct": True, "match": "Concisione"},
            {"text": "Sportello", "correct": True, "match": "Prossemica"},
        ],
    },
]

# What each demo quiz draws from the bank, and its rules.
QUIZ_RULES = {
    ONBOARDING["quiz"]["title"]: {
        "draws": [("scenari", 2), ("procedure", 2)],
        "settings": {
            "max_attempts": 3,
            "wait_minutes": 0,
            "time_limit_minutes": 45,
            "review_right_answers": True,
            "review_when": "immediately",
        },
    },
    REFRESHER["quiz"]["title"]: {
        "draws": [("scenari", 1), ("procedure", 1)],
        "settings": {
            "max_attempts": 0,
            "shuffle_questions": True,
            "shuffle_options": True,
            "layout": "one",
            "review_when": "after_passing",
        },
    },
}

# The certification HR tracks: earned by the onboarding course,
# renewed by the refresher, required for the contact center.
CERTIFICATION = {
    "name": "Standard di servizio clienti",
    "description": (
        "Attesta che l'operatore conosce e applica gli standard di servizio "
        "clienti dell'azienda. Si consegue con il corso di inserimento e si "
        "rinnova ogni anno con il corso di aggiornamento."
    ),
    "validity_months": 12,
    "renewal_window_days": 60,
    "due_days_after_hire": 30,
    "required_departments": ["contact-center"],
}
