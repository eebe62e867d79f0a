#!/usr/bin/env python3
"""Write one oversized source into a fresh project folder, for
tests/e2e/bounded.sh (never committed: 20 MB is made on the fly).

    bigsource.py KIND FOLDER

KIND is one of:
  big        a document of about 20 MB of paragraphs
  table      a document holding a 10,000-row table
  roadmap    a roadmap whose events are a 10,000-row table
  lists      a document with lists nested 1,000 levels deep
  quotes     a document with block quotes nested 1,000 levels deep
"""
import os
import sys

SENTENCE = ("Мониторинг качества образования проведён в общеобразовательных "
            "организациях Челябинской области в соответствии с планом. ")
MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль",
          "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]


def front(kind, id_, title, **extra):
    lines = ["---", f"kind: {kind}", f"id: {id_}", f"title: {title}"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join(lines + ["---", ""]) + "\n"


def big():
    out = [front("document", "big", "Справка о результатах мониторинга",
                 genre="Справка")]
    size, n = 0, 0
    para = SENTENCE * 8 + "\n\n"
    while size < 20 * 1024 * 1024:
        n += 1
        if n % 200 == 1:
            out.append(f"## Раздел {n // 200 + 1}\n\n")
        out.append(para)
        size += len(para.encode())
    return "".join(out)


def table():
    rows = ["| № | Организация | Участников | Доля, % |", "|---|---|---|---|"]
    for i in range(1, 10001):
        rows.append(f"| {i} | МОУ СОШ № {i} г. Челябинска | {i % 300 + 20} | {i % 100},{i % 10} |")
    return (front("document", "table", "Справка о численности участников",
                  genre="Справка") +
            "Численность участников приведена в таблице.\n\n" +
            "\n".join(rows) + "\n")


def roadmap():
    rows = ["| № | Мероприятие | Сроки | Исполнители | Результат |",
            "|---|---|---|---|---|"]
    for i in range(1, 10001):
        rows.append(f"| {i} | Семинар № {i} для специалистов органов управления "
                    f"образованием | {MONTHS[i % 12]} 2022 | ГБУ ДПО РЦОКИО | "
                    f"Рабочие материалы семинара № {i} |")
    return (front("roadmap", "roadmap-big", "Дорожная карта на 2022 год",
                  year=2022) +
            "## Мероприятия\n\n" + "\n".join(rows) + "\n")


def lists():
    out = [front("document", "lists", "Положение о вложенных перечнях",
                 genre="Положение"), "Перечень:\n\n"]
    for depth in range(1000):
        out.append("  " * depth + f"- пункт уровня {depth + 1}\n")
    return "".join(out)


def quotes():
    out = [front("document", "quotes", "Справка о вложенных цитатах",
                 genre="Справка"), "Цитата:\n\n"]
    for depth in range(1, 1001):
        out.append("> " * depth + f"уровень {depth}\n" + "> " * depth + "\n")
    return "".join(out)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("big", "table", "roadmap",
                                                   "lists", "quotes"):
        sys.exit(__doc__)
    kind, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    text = globals()[kind]()
    with open(os.path.join(folder, kind + ".md"), "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
