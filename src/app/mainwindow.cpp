#include "mainwindow.h"

#include <QApplication>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>

namespace fw {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("FaultWatch"));
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    // Spelled out: platform themes (offscreen among them) may have no standard Quit key.
    fileMenu->addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), qApp, &QApplication::quit);
    auto *placeholder = new QLabel(tr("The operator console is being built."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

} // namespace fw
