"""Every string the app itself shows, in Indonesian and English.

Quiz and lesson text is translated in its own files; these are the app's own words.
`t(key, lang, **values)` fills `{name}` fields with `str.format`. The results are
plain text and are shown as `Content(...)`, never parsed as markup.
"""

from __future__ import annotations

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
"""The languages of the interface, by code, each named in itself."""

DEFAULT_LANGUAGE = "id"

STRINGS: dict[str, dict[str, str]] = {
    # -- app-wide keys (also shown in the footer) ------------------------------------
    "quit": {"id": "Keluar", "en": "Quit"},
    "help": {"id": "Bantuan", "en": "Help"},
    "back": {"id": "Kembali", "en": "Back"},
    "language": {"id": "Bahasa", "en": "Language"},
    "learner": {"id": "Pelajar", "en": "Learner"},
    "palette": {"id": "Perintah", "en": "Commands"},
    "progress": {"id": "Kemajuan", "en": "Progress"},
    "review": {"id": "Ulas", "en": "Review"},
    "lesson": {"id": "Pelajaran", "en": "Lesson"},
    "practice": {"id": "Latihan", "en": "Practice"},
    "exam": {"id": "Ujian", "en": "Exam"},
    "resume": {"id": "Lanjutkan", "en": "Resume"},
    "submit": {"id": "Kirim", "en": "Submit"},
    "next": {"id": "Berikutnya", "en": "Next"},
    "previous": {"id": "Mundur", "en": "Prev"},
    "skip": {"id": "Lewati", "en": "Skip"},
    "flag": {"id": "Tandai", "en": "Flag"},
    "finish": {"id": "Selesai", "en": "Finish"},
    "retry_wrong": {"id": "Ulangi yang salah", "en": "Retry wrong ones"},
    "home": {"id": "Beranda", "en": "Home"},
    "reorder": {"id": "Geser", "en": "Move"},
    "continue": {"id": "Lanjut", "en": "Continue"},
    "start": {"id": "Mulai", "en": "Start"},
    "cancel": {"id": "Batal", "en": "Cancel"},
    "yes": {"id": "Ya", "en": "Yes"},
    "no": {"id": "Tidak", "en": "No"},
    # -- first run ------------------------------------------------------------------
    "welcome_title": {"id": "Selamat datang di quizapp", "en": "Welcome to quizapp"},
    "welcome_body": {
        "id": "Baca modul singkat, kerjakan kuisnya, lalu ulas yang terlewat.",
        "en": "Read a short module, take its quizzes, then review what you missed.",
    },
    "your_name": {"id": "Nama Anda", "en": "Your name"},
    "name_placeholder": {"id": "mis. Siti", "en": "e.g. Sam"},
    "choose_language": {"id": "Bahasa", "en": "Language"},
    "name_required": {"id": "Tulis nama Anda dulu.", "en": "Please type your name first."},
    # -- learners: names, removal, where their language and scores are kept --------------
    "name_control": {
        "id": "Nama tidak boleh berisi karakter kendali.",
        "en": "A name cannot hold control characters.",
    },
    "name_long": {
        "id": "Nama paling banyak {n} karakter.",
        "en": "A name is at most {n} characters.",
    },
    "remove": {"id": "Hapus", "en": "Remove"},
    "remove_confirm": {
        "id": (
            "Hapus pelajar {name}? Hasilnya (setiap kuis yang selesai) disimpan dulu di "
            "{folder}; jadwal ulasannya tidak disimpan."
        ),
        "en": (
            "Remove the learner {name}? Their results (every finished quiz) are saved to "
            "{folder} first; their review schedule is not kept."
        ),
    },
    "removed": {
        "id": "{name} dihapus; hasilnya disimpan di {path}.",
        "en": "{name} removed; their results are in {path}.",
    },
    "removed_memory": {"id": "{name} dihapus.", "en": "{name} removed."},
    "remove_failed": {
        "id": "{name} tidak dihapus: hasilnya tidak bisa disimpan ({reason}).",
        "en": "{name} was not removed: their results could not be saved ({reason}).",
    },
    "remove_current": {
        "id": "Ganti ke pelajar lain dulu untuk menghapus {name}.",
        "en": "Switch to another learner first to remove {name}.",
    },
    "unsaved_banner": {
        "id": "Nilai TIDAK disimpan: basis data nilai tidak bisa dipakai.",
        "en": "Scores are NOT being saved: the score database cannot be used.",
    },
    "unsaved_confirm": {
        "id": (
            "Basis data nilai tidak bisa dipakai, jadi jawaban kuis ini tidak akan "
            "disimpan. Tetap mulai?"
        ),
        "en": (
            "The score database cannot be used, so the answers to this quiz will not be "
            "saved. Start anyway?"
        ),
    },
    "broken_files": {
        "id": "{n} berkas kuis bermasalah: {files} — jalankan quizapp validate",
        "en": "{n} quiz files have problems: {files} — run quizapp validate",
    },
    "broken_files_one": {
        "en": "{n} quiz file has problems: {files} — run quizapp validate",
    },
    "next_review_now": {
        "id": "{n} soal perlu diulas sekarang",
        "en": "{n} questions due for review now",
    },
    "next_review_now_one": {"en": "{n} question due for review now"},
    "next_review": {
        "id": "Ulasan berikutnya: {n} soal dalam {when}",
        "en": "Next review: {n} questions due in {when}",
    },
    "next_review_one": {"en": "Next review: {n} question due in {when}"},
    "in_minutes": {"id": "{n} menit", "en": "{n} minutes"},
    "in_minutes_one": {"en": "{n} minute"},
    "in_hours": {"id": "{n} jam", "en": "{n} hours"},
    "in_hours_one": {"en": "{n} hour"},
    "in_days": {"id": "{n} hari", "en": "{n} days"},
    "in_days_one": {"en": "{n} day"},
    "quit_hint": {
        "id": "Tekan {key} untuk keluar dari aplikasi",
        "en": "Press {key} to quit the app",
    },
    "quit_hint_title": {"id": "Ingin keluar?", "en": "Do you want to quit?"},
    "switch_learner": {"id": "Ganti pelajar", "en": "Switch learner"},
    "new_learner": {"id": "Pelajar baru", "en": "New learner"},
    # -- home -------------------------------------------------------------------------
    "hello": {"id": "Halo, {name}", "en": "Hello, {name}"},
    "loading": {"id": "Memuat…", "en": "Loading…"},
    "modules": {"id": "Modul", "en": "Modules"},
    "quizzes": {"id": "Kuis", "en": "Quizzes"},
    "other_quizzes": {"id": "Kuis lain", "en": "Other quizzes"},
    "questions_n": {"id": "{n} soal", "en": "{n} questions"},
    "questions_of": {"id": "{n} dari {total} soal", "en": "{n} of {total} questions"},
    "generated": {"id": "dibuat otomatis", "en": "generated"},
    "best": {"id": "terbaik {score}", "en": "best {score}"},
    "last": {"id": "terakhir {score}", "en": "last {score}"},
    "not_taken": {"id": "belum dikerjakan", "en": "not taken yet"},
    "due_n": {"id": "{n} soal perlu diulas", "en": "{n} due for review"},
    "nothing_due": {"id": "Tidak ada yang perlu diulas.", "en": "Nothing due for review."},
    "interrupted": {
        "id": "Kuis belum selesai: {title} ({done} / {total}). Tekan r untuk melanjutkan.",
        "en": "Unfinished quiz: {title} ({done} / {total}). Press r to resume.",
    },
    "no_quizzes": {"id": "Belum ada kuis.", "en": "No quizzes found."},
    "quiz_problems": {
        "id": "{n} berkas kuis bermasalah; jalankan `quizapp validate`.",
        "en": "Quiz files with problems: {n}; run `quizapp validate`.",
    },
    "pick_mode": {"id": "Pilih mode untuk {title}", "en": "Choose a mode for {title}"},
    "practice_help": {
        "id": "Umpan balik setelah setiap jawaban",
        "en": "Feedback after every answer",
    },
    "exam_help": {
        "id": "Tanpa umpan balik sampai selesai; bisa lewati dan tandai",
        "en": "No feedback until the end; skip and flag",
    },
    "time_limit": {"id": "batas waktu {time}", "en": "time limit {time}"},
    "pass_mark": {"id": "lulus {pct}", "en": "pass {pct}"},
    # -- lesson -----------------------------------------------------------------------
    "no_lesson": {
        "id": "Modul ini belum punya pelajaran.",
        "en": "This module has no lesson yet.",
    },
    "key_points": {"id": "Poin kunci", "en": "Key points"},
    "lesson_quizzes": {"id": "Kuis modul ini", "en": "This module's quizzes"},
    # -- quiz -------------------------------------------------------------------------
    "question_of": {"id": "{n} / {total}", "en": "{n} / {total}"},
    "point_1": {"id": "1 poin", "en": "1 point"},
    "points_n": {"id": "{points} poin", "en": "{points} points"},
    "time_left": {"id": "sisa {time}", "en": "{time} left"},
    "flagged": {"id": "ditandai", "en": "flagged"},
    "answered_n": {"id": "{n} dijawab", "en": "{n} answered"},
    "choose_one": {
        "id": "Pilih satu: panah lalu Enter, angka, atau klik.",
        "en": "Choose one: arrows then Enter, a number key, or click.",
    },
    "choose_many": {
        "id": "Pilih semua yang benar: Spasi atau angka untuk menandai, Enter untuk kirim.",
        "en": "Choose all that apply: Space or a number toggles, Enter submits.",
    },
    "true": {"id": "Benar", "en": "True"},
    "false": {"id": "Salah", "en": "False"},
    "type_answer": {"id": "Ketik jawaban lalu Enter.", "en": "Type your answer, then Enter."},
    "number_hint": {
        # The examples are never an answer (quizapp.engine.examples checks the catalog).
        "id": "Angka ditulis bebas, misalnya {examples}.",
        "en": "Write numbers freely, e.g. {examples}.",
    },
    "ordering_help": {
        "id": "Susun urutannya: panah memilih, Shift+panah (atau [ ]) memindahkan, Enter kirim.",
        "en": "Put them in order: arrows pick, Shift+arrows (or [ ]) move, Enter submits.",
    },
    "matching_help": {
        "id": "Tekan angka pasangan baris yang dipilih (lalu pindah ke baris berikutnya), "
        "atau Enter untuk daftar; lalu Kirim.",
        "en": "Press a match's number to set the chosen row (then the next row is chosen), "
        "or Enter for a list; then Submit.",
    },
    "matching_choose": {"id": "Pilih pasangan untuk: {left}", "en": "Choose the match for: {left}"},
    "unmatched": {"id": "(belum dipasangkan)", "en": "(not matched yet)"},
    "correct": {"id": "Benar!", "en": "Correct!"},
    "partly_correct": {"id": "Sebagian benar ({pct}).", "en": "Partly correct ({pct})."},
    "wrong": {"id": "Belum tepat.", "en": "Not quite."},
    "right_answer": {"id": "Jawaban yang benar: {answer}", "en": "The right answer: {answer}"},
    "your_answer": {"id": "Jawaban Anda: {answer}", "en": "Your answer: {answer}"},
    "no_answer": {"id": "(tidak dijawab)", "en": "(not answered)"},
    "explanation": {"id": "Penjelasan", "en": "Explanation"},
    "taught_in": {"id": "Dibahas di: {point}", "en": "Taught in: {point}"},
    "retry_hint": {
        "id": "Coba sekali lagi (nilai sedikit berkurang), atau lihat jawabannya.",
        "en": "Try once more (for a little less credit), or see the answer.",
    },
    "try_again": {"id": "Coba lagi", "en": "Try again"},
    "show_answer": {"id": "Lihat jawaban", "en": "Show the answer"},
    "press_continue": {"id": "Enter untuk lanjut.", "en": "Press Enter to continue."},
    "confirm_finish": {
        "id": "Kumpulkan sekarang? {unanswered} soal belum dijawab.",
        "en": "Submit now? {unanswered} questions are unanswered.",
    },
    "confirm_leave": {
        "id": "Tinggalkan kuis? Jawaban Anda tetap tersimpan.",
        "en": "Leave the quiz? Your answers so far are kept.",
    },
    "times_up": {
        "id": "Waktu habis: kuis dikumpulkan.",
        "en": "Time is up: the quiz was submitted.",
    },
    "not_a_number": {
        "id": "Itu belum terbaca sebagai angka: {why}",
        "en": "That is not a number yet: {why}",
    },
    "empty_answer": {"id": "Jawaban masih kosong.", "en": "The answer is empty."},
    # -- results ----------------------------------------------------------------------
    "results": {"id": "Hasil", "en": "Results"},
    "score_line": {
        "id": "Nilai {points} / {total} ({pct})",
        "en": "Score {points} / {total} ({pct})",
    },
    "passed": {"id": "LULUS", "en": "PASSED"},
    "failed": {"id": "BELUM LULUS", "en": "NOT PASSED"},
    "credit": {"id": "{credit} / {points}", "en": "{credit} / {points}"},
    "export": {"id": "Ekspor laporan", "en": "Export report"},
    "right_after_retry": {
        "id": "Benar pada percobaan berikutnya (nilai dikurangi).",
        "en": "Right on a later try (for reduced credit).",
    },
    "report_saved": {"id": "Laporan disimpan: {path}", "en": "Report saved: {path}"},
    "export_title": {"id": "Ekspor laporan", "en": "Export a report"},
    "export_format": {"id": "Format", "en": "Format"},
    "export_path": {"id": "Simpan ke berkas", "en": "Save to file"},
    "export_no_path": {"id": "Tulis nama berkasnya dulu.", "en": "Type a file name first."},
    "export_replace": {
        "id": "{path} sudah ada. Timpa berkas itu?",
        "en": "{path} already exists. Replace it?",
    },
    "export_exists": {
        "id": "{path} sudah ada; berkas itu tidak ditimpa.",
        "en": "{path} already exists, so it was left alone.",
    },
    "export_failed": {
        "id": "Tidak bisa menulis {path}: {reason}.",
        "en": "Could not write {path}: {reason}.",
    },
    "save": {"id": "Simpan", "en": "Save"},
    "nothing_wrong": {"id": "Tidak ada yang salah.", "en": "Nothing to retry."},
    # -- progress and review ----------------------------------------------------------
    "score_over_time": {"id": "Nilai dari waktu ke waktu", "en": "Score over time"},
    "mastery": {"id": "Penguasaan per topik", "en": "Mastery per tag"},
    "weakest": {"id": "Soal terlemah", "en": "Weakest questions"},
    "due_reviews": {"id": "Ulasan yang jatuh tempo", "en": "Due reviews"},
    "no_history": {
        "id": "Belum ada riwayat. Kerjakan sebuah kuis dulu.",
        "en": "No history yet. Take a quiz first.",
    },
    "no_store": {
        "id": "Riwayat nilai belum tersedia di versi ini.",
        "en": "Score history is not available in this version.",
    },
    "attempt_n": {"id": "percobaan", "en": "attempt"},
    "chart_axis": {"id": "tanggal percobaan", "en": "date of attempt"},
    "chart_exam": {"id": "● ujian (dinilai)", "en": "● exam (graded)"},
    "chart_practice": {"id": "○ latihan (tidak dinilai)", "en": "○ practice (not graded)"},
    "chart_pass": {"id": "lulus {pct}", "en": "pass {pct}"},
    "chart_reviews": {
        "id": "Sesi ulasan tidak dihitung di sini: bukan nilai sebuah kuis.",
        "en": "Review sessions are not counted here: they are not a quiz's score.",
    },
    "review_title": {"id": "Ulasan: {n} soal", "en": "Review: {n} questions"},
    "start_review": {"id": "Mulai ulasan", "en": "Start review"},
    "store_move_aside": {
        "id": "Pindahkan berkas itu ke samping dan mulai basis data baru?",
        "en": "Move that file aside and start a fresh database?",
    },
    "store_moved": {"id": "Berkas lama dipindah ke {path}.", "en": "The old file is now {path}."},
    # -- palette, help, themes ---------------------------------------------------------
    "cmd_quiz": {"id": "kuis: Mulai {title} ({mode})", "en": "quiz: Start {title} ({mode})"},
    "cmd_lesson": {"id": "pelajaran: Buka {title}", "en": "lesson: Open {title}"},
    "cmd_learner": {"id": "pelajar: Ganti", "en": "learner: Switch"},
    "cmd_language": {"id": "bahasa: {name}", "en": "language: {name}"},
    "cmd_theme": {"id": "tema: {name}", "en": "theme: {name}"},
    "cmd_help": {"id": "bantuan", "en": "help"},
    "cmd_progress": {"id": "kemajuan: Tampilkan", "en": "progress: Show"},
    "cmd_review": {"id": "ulas: Mulai", "en": "review: Start"},
    "cmd_home": {"id": "beranda: Buka", "en": "home: Open"},
    "help_title": {"id": "Bantuan", "en": "Help"},
    "language_now": {"id": "Bahasa: Bahasa Indonesia", "en": "Language: English"},
    # -- command palette: its prompt and Textual's system commands ----------------------
    "palette_placeholder": {"id": "Cari perintah…", "en": "Search for commands…"},
    "cmd_quit": {"id": "Keluar", "en": "Quit"},
    "cmd_quit_help": {"id": "Tutup aplikasi sekarang", "en": "Quit the application now"},
    "cmd_screenshot": {"id": "Tangkapan layar", "en": "Screenshot"},
    "cmd_screenshot_help": {
        "id": "Simpan layar ini sebagai gambar SVG",
        "en": "Save an SVG picture of the current screen",
    },
    "cmd_minimize": {"id": "Kecilkan", "en": "Minimize"},
    "cmd_minimize_help": {
        "id": "Kembalikan bagian yang diperbesar ke ukuran biasa",
        "en": "Return the maximized part to its normal size",
    },
    # -- preview ------------------------------------------------------------------------
    "preview_try": {"id": "Coba", "en": "Try it"},
    "preview_quiz_language": {"id": "Bahasa kuis", "en": "Quiz language"},
    "reload": {"id": "Muat ulang", "en": "Reload"},
    # -- home, switch learner, unfinished quizzes -----------------------------------------
    "pick_mode_key": {"id": "pilih mode", "en": "choose a mode"},
    "switch_learner_body": {
        "id": "Pilih pelajar, atau tulis nama baru.",
        "en": "Choose a learner, or type a new name.",
    },
    "interrupted_many": {
        "id": "{n} kuis belum selesai. Tekan r untuk memilih yang dilanjutkan.",
        "en": "{n} unfinished quizzes. Press r to choose one to resume.",
    },
    "resume_pick": {"id": "Lanjutkan kuis yang mana?", "en": "Resume which quiz?"},
    "resume_line": {"id": "{title} ({done} / {total})", "en": "{title} ({done} / {total})"},
    # -- singular forms: English only (Indonesian has no plural); see `ONE` -----------------
    "questions_n_one": {"en": "{n} question"},
    "review_title_one": {"en": "Review: {n} question"},
    "confirm_finish_one": {"en": "Submit now? {unanswered} question is unanswered."},
    # -- quiz: refusals and verdicts (added late; kept together at the end) -------------
    "empty_multiple": {
        "id": "Belum ada yang ditandai: tandai dengan Spasi atau angka, lalu Enter.",
        "en": "Nothing is ticked yet: tick with Space or a number key, then Enter.",
    },
    "empty_matching": {
        "id": "Belum ada yang dipasangkan: tekan angka pasangan untuk baris yang dipilih.",
        "en": "Nothing is matched yet: press a match's number for the chosen row.",
    },
    "right_after_retry_pct": {
        "id": "Benar pada percobaan berikutnya (nilai dikurangi: {pct}).",
        "en": "Right on a later try (for reduced credit: {pct}).",
    },
    # -- dropping an unfinished quiz (home's resume picker) ------------------------------
    "drop": {"id": "Buang", "en": "Drop"},
    "drop_confirm": {
        "id": (
            "Buang kuis yang belum selesai {title} ({done} / {total})? Jawabannya tetap "
            "ada di riwayat Anda (penguasaan, ulasan), tetapi kuis ini tidak diberi nilai "
            "dan tidak bisa dilanjutkan lagi."
        ),
        "en": (
            "Drop the unfinished {title} ({done} / {total})? Its answers stay in your "
            "history (mastery, reviews), but it gets no score and can no longer be resumed."
        ),
    },
    # -- a damaged score database, worded by the app so that it follows F2 ---------------
    "store_corrupt": {
        "id": "Basis data nilai {path} tidak bisa dibaca{why}; berkas itu dibiarkan apa adanya.",
        "en": "The score database {path} cannot be read{why}; it has been left untouched.",
    },
    "store_not_sqlite": {"id": "ini bukan basis data SQLite", "en": "it is not an SQLite database"},
    "store_truncated": {
        "id": "berkasnya terpotong: {size} dari {expected} bita",
        "en": "it is truncated: {size} of {expected} bytes",
    },
    # -- the preview's status line and notices -------------------------------------------
    "preview_loading": {"id": "{path}: memuat…", "en": "{path}: loading…"},
    "preview_valid": {
        "id": "{path}: valid, {n} soal · bahasa {lang} dari {langs}",
        "en": "{path}: valid, {n} questions · language {lang} of {langs}",
    },
    "preview_valid_one": {"en": "{path}: valid, {n} question · language {lang} of {langs}"},
    "preview_problems": {
        "id": "{path}: {n} masalah; kuis tampil lagi setelah semuanya diperbaiki",
        "en": "{path}: {n} problems; the quiz shows again once they are fixed",
    },
    "preview_problems_one": {
        "en": "{path}: {n} problem; the quiz shows again once it is fixed",
    },
    "preview_fix_first": {
        "id": "Perbaiki dulu masalahnya: belum ada kuis untuk dicoba.",
        "en": "Fix the problems first: there is no quiz to try yet.",
    },
    "problem_question": {"id": "soal {n}", "en": "question {n}"},
    "problem_field": {"id": "isian {field}", "en": "field {field}"},
    "problem_warning": {"id": "peringatan", "en": "warning"},
    "preview_changed": {
        "id": "{name} berubah: versi barunya ditampilkan.",
        "en": "{name} changed: showing the new version.",
    },
    # -- the exam: navigator, submitting, leaving, time (issue 19) -----------------------
    "questions_key": {"id": "Daftar", "en": "List"},
    "navigator_title": {
        "id": "Daftar soal: panah memilih, Enter membuka, Esc menutup",
        "en": "Questions: arrows choose, Enter opens, Esc closes",
    },
    # The navigator's Enter, in place of the answer's Enter ("Kirim"/"Submit") in the
    # footer: as wide, so the footer relabels one key and keeps its layout.
    "navigator_open": {"id": "Pilih", "en": "Select"},
    "navigator_legend": {
        "id": "● dijawab  ○ belum dijawab  ⚑ ditandai  ▸ soal ini",
        "en": "● answered  ○ not answered  ⚑ flagged  ▸ this question",
    },
    "finish_title": {"id": "Kumpulkan ujian?", "en": "Submit the exam?"},
    "finish_counts": {
        "id": "{unanswered} dari {total} soal belum dijawab · {flagged} ditandai.",
        "en": "{unanswered} of {total} unanswered · {flagged} flagged.",
    },
    "finish_all": {
        "id": "Semua {total} soal sudah dijawab · {flagged} ditandai.",
        "en": "All {total} questions answered · {flagged} flagged.",
    },
    "go_back": {"id": "Kembali ke soal", "en": "Back to the questions"},
    "submit_exam": {"id": "Kumpulkan", "en": "Submit"},
    "leave_timed": {
        "id": "Tinggalkan ujian? Waktu terus berjalan (sisa {time}); jawaban Anda tetap "
        "tersimpan. Saat waktu habis, ujian dikumpulkan dengan jawaban yang ada.",
        "en": "Leave the exam? The clock keeps running ({time} left); your answers are "
        "kept. When time runs out, the exam is submitted with what it has.",
    },
    "one_minute_left": {"id": "Sisa waktu satu menit.", "en": "One minute left."},
    "interrupted_timed": {
        "id": "Kuis belum selesai: {title} ({done} / {total}), sisa {time}; waktu terus "
        "berjalan. Tekan r untuk melanjutkan.",
        "en": "Unfinished quiz: {title} ({done} / {total}), {time} left; the clock is "
        "running. Press r to resume.",
    },
    "timed_out_away": {
        "id": "{title}: waktu habis saat Anda pergi, jawaban yang ada sudah dikumpulkan. "
        "Tekan r untuk melihat hasilnya.",
        "en": "{title}: time ran out while you were away; it was submitted with what it "
        "had. Press r to see the results.",
    },
    "draft_kept": {
        "id": "Belum dikirim: tekan Enter untuk mengirimnya.",
        "en": "Not given yet: press Enter to give this answer.",
    },
    "retry_left": {
        "id": "Percobaan ke-{n} dari {max}: nilai paling banyak {pct}. Coba lagi, atau lihat "
        "jawabannya.",
        "en": "Try {n} of {max}: at most {pct}. Try again, or see the answer.",
    },
    "hint_key": {"id": "Petunjuk", "en": "Hint"},
    "hint": {"id": "Petunjuk: {text}", "en": "Hint: {text}"},
    "no_hint": {"id": "Soal ini tidak punya petunjuk.", "en": "This question has no hint."},
    # -- results that teach ----------------------------------------------------------------
    "spelled": {"id": "diterima, ejaannya: {text}", "en": "accepted, spelled: {text}"},
    "read_as": {"id": "dibaca {number}", "en": "read as {number}"},
    "why": {"id": "Mengapa: {text}", "en": "Why: {text}"},
    "results_lesson_key": {"id": "Pelajaran", "en": "Lesson"},
    "open_lesson_key": {"id": "l membuka pelajarannya", "en": "l opens the lesson"},
    "filter_key": {"id": "Saring", "en": "Filter"},
    "showing_not_right": {
        "id": "Hanya yang belum benar ({n}); f untuk semua.",
        "en": "Only those not right ({n}); f shows all.",
    },
    "not_right_first": {
        "id": "Yang belum benar tampil lebih dulu ({n}); f untuk hanya itu.",
        "en": "Not right first ({n}); f shows only those.",
    },
}

ONE: dict[str, str] = {
    "broken_files": "n",
    "next_review_now": "n",
    "next_review": "n",
    "in_minutes": "n",
    "in_hours": "n",
    "in_days": "n",
    "questions_n": "n",
    "preview_valid": "n",
    "preview_problems": "n",
    "review_title": "n",
    "confirm_finish": "unanswered",
}
"""Strings with a count, and the field that holds it: when it is 1, `t` uses the
string's `_one` form in the languages that have one."""


def t(key: str, lang: str, /, **values: object) -> str:
    """The string `key` in `lang` (English when missing), with `{fields}` filled in."""
    field = ONE.get(key)
    if field is not None and values.get(field) == 1 and lang in STRINGS[key + "_one"]:
        key += "_one"
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def other_language(lang: str) -> str:
    """The next interface language after `lang`, for a one-key switch."""
    codes = list(LANGUAGES)
    return codes[(codes.index(lang) + 1) % len(codes)] if lang in codes else DEFAULT_LANGUAGE
