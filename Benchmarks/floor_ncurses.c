/* The floor for cold start and keystroke-to-frame: a minimal C ncurses program that draws a screen of the desk's
   shape (four boxed panes of text, a banner and a status line) and redraws it on each key; q quits. */
#include <curses.h>
#include <locale.h>
#include <stdio.h>

static int day = 0;

static void draw(void) {
    int rows = LINES, cols = COLS, half = cols / 2;
    erase();
    mvprintw(0, 1, "Downtime Desk - central system UP, no outage declared          day %d", day);
    WINDOW *panes[3] = { derwin(stdscr, rows - 2, half, 1, 0), derwin(stdscr, (rows - 2) / 2, cols - half, 1, half),
                         derwin(stdscr, rows - 2 - (rows - 2) / 2, cols - half, 1 + (rows - 2) / 2, half) };
    const char *titles[3] = { " 1 Slot grid ", " 2 Incoming bookings ", " 3 Call-sheet " };
    for (int p = 0; p < 3; p++) {
        box(panes[p], 0, 0);
        mvwprintw(panes[p], 0, 2, "%s", titles[p]);
        int height = getmaxy(panes[p]);
        for (int r = 1; r < height - 1; r++) mvwprintw(panes[p], r, 1, "%02d:%02d free   Patient Example %d   NHS 111", 8 + r / 2, (r % 2) * 30, r + day);
    }
    mvprintw(rows - 1, 1, "alice @ Kestrel Dental Practice (practice)                Tab next pane - ? help - q quit");
    for (int p = 0; p < 3; p++) wnoutrefresh(panes[p]);
    wnoutrefresh(stdscr);
    doupdate();
    for (int p = 0; p < 3; p++) delwin(panes[p]);
}

int main(void) {
    setlocale(LC_ALL, "");
    initscr(); cbreak(); noecho(); keypad(stdscr, TRUE); curs_set(0);
    draw();
    for (int key; (key = getch()) != 'q';) { if (key == 'n') day++; draw(); }
    endwin();
    return 0;
}
