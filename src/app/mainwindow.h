#pragma once

#include <QMainWindow>

namespace fw {

// The console's main window. It wires widgets together and holds no logic of its own.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;
};

} // namespace fw
