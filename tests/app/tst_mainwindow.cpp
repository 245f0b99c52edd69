#include "mainwindow.h"

#include <QAction>
#include <QMenuBar>
#include <QSignalSpy>
#include <QtTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensAndClosesCleanly();
    void quitActionIsInTheFileMenuWithItsShortcut();
};

void TestMainWindow::opensAndClosesCleanly()
{
    auto *window = new fw::MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    QSignalSpy destroyed(window, &QObject::destroyed);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(!window->windowTitle().isEmpty());
    QVERIFY(window->close());
    QTRY_COMPARE(destroyed.count(), 1);
}

void TestMainWindow::quitActionIsInTheFileMenuWithItsShortcut()
{
    fw::MainWindow window;
    const QList<QAction *> menus = window.menuBar()->actions();
    QVERIFY(!menus.isEmpty());
    bool found = false;
    for (QAction *action : menus.constFirst()->menu()->actions()) {
        found = found || action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_Q);
    }
    QVERIFY(found);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
