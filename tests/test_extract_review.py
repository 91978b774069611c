"""Cases a reviewer wrote to break the extractor, kept so the rules stay fixed.

Each names a quote by the start of its text and what must hold for it:
a field's value, a speaker it must not be ("not"), a quote that must not
exist ("absent"), or an unregistered person that must not be made
("new_people_absent"). Published 2025-02-14, a Friday, unless given.
"""

import pytest

from test_extract import extract

CASES = [
    pytest.param('“We are ready,” Eric Trump said.', {}, 'We are ready', {'speaker_id': 'eric-trump'}, id='A01'),
    pytest.param('“My father is right,” said Donald Trump Jr.', {}, 'My father', {'not': 'donald-trump'}, id='A02'),
    pytest.param('“We are ready,” said Trump ally Steve Bannon.', {}, 'We are ready', {'speaker_id': 'steve-bannon'}, id='A03'),
    pytest.param('“We are ready,” said Vance spokesman William Martin.', {}, 'We are ready', {'speaker_id': 'william-martin'}, id='A04'),
    pytest.param('“We are ready,” said Putin’s spokesman, Dmitry Peskov.', {}, 'We are ready', {'speaker_id': 'dmitry-peskov'}, id='A05'),
    pytest.param('“We are ready,” said Putin’s spokesman.', {}, 'We are ready', {'not': 'vladimir-putin'}, id='A06'),
    pytest.param('The talks were “productive,” according to Trump’s envoy Keith Kellogg.', {}, 'productive', {'speaker_id': 'keith-kellogg'}, id='A07'),
    pytest.param('The talks were “productive,” according to Vance aides.', {}, 'productive', {'not': 'jd-vance'}, id='A08'),
    pytest.param('The talks were “productive,” according to Zelensky’s office.', {}, 'productive', {'not': 'volodymyr-zelensky'}, id='A09'),
    pytest.param('“We are ready,” a spokesman for Zelensky said.', {}, 'We are ready', {'not': 'volodymyr-zelensky'}, id='A10'),
    pytest.param('A senior official close to Trump said, “We are ready.”', {}, 'We are ready', {'not': 'donald-trump'}, id='A11'),
    pytest.param('“We are ready,” an aide to Hegseth said.', {}, 'We are ready', {'not': 'pete-hegseth'}, id='A12'),
    pytest.param('Rubio was told by Hegseth, “We are ready.”', {}, 'We are ready', {'speaker_id': 'pete-hegseth'}, id='A13'),
    pytest.param('“We are ready,” Rubio was told by Hegseth.', {}, 'We are ready', {'speaker_id': 'pete-hegseth'}, id='A14'),
    pytest.param('Hegseth was asked by Politico: “Will you send troops?”', {}, 'Will you send', {'not': 'pete-hegseth'}, id='A15'),
    pytest.param('Politico quoted Hegseth as saying troops were “off the table.”', {}, 'off the table', {'speaker_id': 'pete-hegseth'}, id='A16'),
    pytest.param('Trump called the deal “great,” but Zelensky disagreed, calling it “a betrayal.”', {}, 'a betrayal', {'speaker_id': 'volodymyr-zelensky'}, id='A17'),
    pytest.param('Zelensky responded to Trump calling him “a dictator.”', {}, 'a dictator', {'speaker_id': 'donald-trump'}, id='A18'),
    pytest.param('Vance spoke in Munich. “Why would we pay for that?” Zelensky asked him.', {}, 'Why would we', {'speaker_id': 'volodymyr-zelensky'}, id='A19'),
    pytest.param('Hegseth said the troops would not come from the U.S. “We are ready to help,” Rubio said.', {}, 'We are ready', {'speaker_id': 'marco-rubio'}, id='A20'),
    pytest.param('“We are ready,” Hegseth said. A Ukrainian soldier in Kharkiv disagreed. “That is not enough.”', {}, 'That is not enough', {'not': 'pete-hegseth'}, id='A21'),
    pytest.param('“We are ready,” Hegseth said on Thursday. Rubio, speaking in Munich on Friday, struck a different tone.\n“That is not our policy.”', {}, 'That is not our policy', {'not': 'pete-hegseth'}, id='A22'),
    pytest.param('Sweden’s Defense Minister Pål Jonson met Kallas in Brussels. “We are ready,” she said.', {}, 'We are ready', {'not': 'pal-jonson'}, id='A23'),
    pytest.param('Zelensky, who Trump has called a dictator, spoke in Munich. “We are ready,” he said.', {}, 'We are ready', {'speaker_id': 'volodymyr-zelensky'}, id='A25'),
    pytest.param('After meeting Vance, Zelensky spoke to reporters. “We are ready,” he said.', {}, 'We are ready', {'speaker_id': 'volodymyr-zelensky'}, id='A26'),
    pytest.param('It was Rubio, not Hegseth, who said “we are ready.”', {}, 'we are ready', {'not': 'pete-hegseth'}, id='A27'),
    pytest.param('Zelensky denied Trump’s claim that Ukraine “started the war.”', {}, 'started the war', {'not': 'volodymyr-zelensky'}, id='A28'),
    pytest.param('Neither Rubio nor Hegseth said troops were “an option.”', {}, 'an option', {'not': 'pete-hegseth'}, id='A29'),
    pytest.param('“We are aligned,” Rubio and Hegseth said in a joint statement.', {}, 'We are aligned', {'not': 'pete-hegseth'}, id='A30'),
    pytest.param('Hegseth and Rubio arrived in Munich.\n“We are ready,” he said.', {}, 'We are ready', {'speaker_id': None}, id='A31'),
    pytest.param('Trump’s Ukraine envoy, Keith Kellogg, met Zelensky in Kyiv. “We are ready,” the special envoy said.', {}, 'We are ready', {'not': 'steve-witkoff'}, id='A32'),
    pytest.param('Sen. Lindsey Graham met Zelensky. “We are ready,” the senator said.', {}, 'We are ready', {'speaker_id': 'lindsey-graham'}, id='A33'),
    pytest.param('Pentagon spokesman Sean Parnell spoke Friday. “We are ready,” the spokesman said.', {}, 'We are ready', {'speaker_id': 'sean-parnell'}, id='A34'),
    pytest.param('Ukraine’s ambassador to the U.S., Oksana Markarova, spoke Friday. “We are ready,” the ambassador said.', {}, 'We are ready', {'not': 'steve-witkoff'}, id='A35'),
    pytest.param('British Prime Minister Keir Starmer met Trump. “We are ready,” the prime minister said.', {}, 'We are ready', {'speaker_id': 'keir-starmer'}, id='A36'),
    pytest.param('Sweden’s Defense Minister Pål Jonson met Pistorius. “We are ready,” the defense minister said.', {}, 'We are ready', {'not': 'boris-pistorius'}, id='A37'),
    pytest.param('Trump spoke to reporters at Mar-a-Lago. “We are ready,” the former president said.', {}, 'We are ready', {'not': 'joe-biden'}, id='A38'),
    pytest.param('“We are ready,” the director said.', {}, 'We are ready', {'speaker_id': None}, id='A39'),
    pytest.param('Body text here.', {'headline': 'Hegseth Says ‘No Daylight’ With Vance, Who Called Troops ‘On The Table’'}, 'On The Table', {'speaker_id': 'jd-vance'}, id='A40'),
    pytest.param('Body text here.', {'headline': 'Putin Aide Says Talks ‘Constructive’'}, 'Constructive', {'not': 'vladimir-putin', 'new_people_absent': 'putin-aide'}, id='A41'),
    pytest.param('Body text here.', {'headline': 'Eric Trump Says Dad Is ‘Ready’'}, 'Ready', {'not': 'donald-trump'}, id='A42'),
    pytest.param('Unlike Trump, who called the deal “great,” Zelensky said it was “a betrayal.”', {}, 'great', {'speaker_id': 'donald-trump', 'new_people_absent': 'unlike-trump'}, id='A43'),
    pytest.param('Hegseth sat down with Fox News host Bret Baier.\nBaier: “Will you send troops?”\nHegseth: “No.”\n“Why not?”\n“Because Europe must lead.”', {}, 'Why not', {'not': 'pete-hegseth'}, id='A44'),
    pytest.param('Politico: “Will you send troops?”\nHegseth: “No.”\nPolitico: “Never?”\n“Never say never.”', {}, 'Never say never', {'not': 'politico'}, id='A45'),
    pytest.param('“Why would we pay for that?” Trump said.', {}, 'Why would we', {'speaker_id': 'donald-trump'}, id='B01'),
    pytest.param('“Never!” Trump said.', {}, 'Never!', {'speaker_id': 'donald-trump'}, id='B02'),
    pytest.param('‘The allies’ plan is dead,’ Rubio said.', {}, 'The allies’ plan is dead', {'speaker_id': 'marco-rubio'}, id='B03'),
    pytest.param('Rubio said: ‘The Europeans’ role is vital.’', {}, 'The Europeans’ role is vital', {'speaker_id': 'marco-rubio'}, id='B04'),
    pytest.param('Trump, speaking on “Meet the Press,” said, “We are ready.”', {}, 'We are ready', {'speaker_id': 'donald-trump'}, id='B05'),
    pytest.param('Trump, speaking on “Meet the Press,” said, “We are ready.”', {}, 'Meet the Press', {'absent': True}, id='B05'),
    pytest.param('Hegseth said: „Wir sind bereit“.', {}, '.', {'absent': True}, id='B07'),
    pytest.param('When asked whether Putin could be trusted, “Absolutely not,” Kallas said.', {}, 'Absolutely not', {'speaker_id': 'kaja-kallas'}, id='B08'),
    pytest.param('Body text here.', {'headline': 'Trump Calls Zelensky a ‘Dictator’'}, 'Dictator', {'speaker_id': 'donald-trump'}, id='B09'),
    pytest.param('Zelensky said Ukraine would not give up on “Our Land.”', {}, 'Our Land', {'speaker_id': 'volodymyr-zelensky'}, id='B10'),
    pytest.param('Yesterday, Hegseth said, “We are ready.”', {}, 'We are ready', {'said_on': '2025-02-13'}, id='C01'),
    pytest.param('Last week, Hegseth said, “We are ready.”', {}, 'We are ready', {'said_on': '2025-02-03', 'said_on_precision': 'week'}, id='C02'),
    pytest.param('Last month, Hegseth said, “We are ready.”', {}, 'We are ready', {'said_on': '2025-01-01', 'said_on_precision': 'month'}, id='C03'),
    pytest.param('On Tuesday, Trump met Putin. The previous day, Hegseth said, “We are ready.”', {}, 'We are ready', {'said_on': '2025-02-10'}, id='C04'),
    pytest.param('Trump spoke with Putin on Wednesday. A day later, Vance said, “We are ready.”', {}, 'We are ready', {'said_on': '2025-02-13'}, id='C05'),
    pytest.param('Trump spoke with Putin on Wednesday. The next day, Vance said, “We are ready.”', {}, 'We are ready', {'said_on': '2025-02-13'}, id='C06'),
    pytest.param('Hegseth said the talks would resume on Monday. “We are ready,” he said.', {}, 'We are ready', {'said_on_precision': 'published'}, id='C07'),
    pytest.param('“We are ready,” Hegseth said ahead of Monday’s meeting.', {}, 'We are ready', {'said_on_precision': 'published'}, id='C09'),
    pytest.param('Trump said he would meet Putin next Monday. “It will be great,” he said.', {}, 'It will be great', {'said_on_precision': 'published'}, id='C10'),
    pytest.param('Trump will meet Putin on Thursday, Hegseth said. “We are ready,” he added.', {'published': '2025-02-11'}, 'We are ready', {'said_on_precision': 'published'}, id='C11'),
    pytest.param('Trump said he would meet Putin on Feb. 20. “It will be great,” he said.', {}, 'It will be great', {'said_on_precision': 'published'}, id='C12'),
    pytest.param('“We are ready,” Hegseth said of the Jan. 5 summit.', {'published': '2025-01-03'}, 'We are ready', {'said_on_precision': 'published'}, id='C13'),
    pytest.param('“We are ready,” Hegseth said, referring to the Feb. 24, 2022, invasion.', {}, 'We are ready', {'said_on_precision': 'published'}, id='C14'),
    pytest.param('Trump, who spoke with Zelensky on Wednesday, said Putin wanted peace. “He wants a deal,” he said.', {}, 'He wants a deal', {'said_on_precision': 'published'}, id='C15'),
    pytest.param('“Ok,” Hegseth said last year.', {'published': '0001-01-05'}, 'Ok', {'speaker_id': 'pete-hegseth'}, id='D01'),
]


@pytest.mark.parametrize("text, options, prefix, expected", CASES)
def test_the_rules_hold_on_cases_written_to_break_them(registry, text, options, prefix, expected):
    result = extract(registry, text, **options)
    matches = [quote for quote in result["quotes"] if quote["text"].startswith(prefix)]
    if expected.get("absent"):
        assert matches == []
        return
    assert matches, [quote["text"] for quote in result["quotes"]]
    quote = matches[0]
    for field, value in expected.items():
        if field == "not":
            assert quote["speaker_id"] != value, quote
        elif field == "new_people_absent":
            assert value not in {person["id"] for person in result["new_people"]}
        else:
            assert quote[field] == value, (field, quote)
